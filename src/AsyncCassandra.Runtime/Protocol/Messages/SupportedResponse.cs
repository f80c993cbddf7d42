namespace AsyncCassandra.Protocol.Messages;

/// <summary>SUPPORTED (spec §4.2.4): a [string multimap] of the STARTUP options the server supports.</summary>
internal sealed record SupportedResponse(IReadOnlyDictionary<string, List<string>> Options)
{
    public static SupportedResponse Read(ref CqlReader reader) => new(reader.ReadStringMultimap());
}
