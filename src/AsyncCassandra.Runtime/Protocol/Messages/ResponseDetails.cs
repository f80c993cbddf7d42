namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// The rarely present parts of a response (spec §2.2 flags): the tracing id, the v4+ warnings, and the v5 new result
/// metadata id of a Rows result (Metadata_changed, §4.2.5.2). Kept out of line: most responses have none.
/// </summary>
internal sealed record ResponseDetails(Guid? TracingId, IReadOnlyList<string> Warnings, byte[]? NewResultMetadataId)
{
    public static ResponseDetails? Create(Guid? tracingId, IReadOnlyList<string>? warnings, byte[]? newResultMetadataId) =>
        tracingId is null && (warnings is null || warnings.Count == 0) && newResultMetadataId is null
            ? null
            : new ResponseDetails(tracingId, warnings ?? [], newResultMetadataId);
}
