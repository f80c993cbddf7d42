namespace AsyncCassandra.Protocol.Messages;

/// <summary>AUTH_CHALLENGE (spec §4.2.7): a [bytes] token the client's authenticator must answer.</summary>
internal sealed record AuthChallengeResponse(byte[]? Token)
{
    public static AuthChallengeResponse Read(ref CqlReader reader) => new(reader.ReadBytes());
}
