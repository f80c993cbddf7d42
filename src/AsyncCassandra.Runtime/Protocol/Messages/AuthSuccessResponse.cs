namespace AsyncCassandra.Protocol.Messages;

/// <summary>AUTH_SUCCESS (spec §4.2.8): authentication is done; a [bytes] final token (may be null).</summary>
internal sealed record AuthSuccessResponse(byte[]? Token)
{
    public static AuthSuccessResponse Read(ref CqlReader reader) => new(reader.ReadBytes());
}
