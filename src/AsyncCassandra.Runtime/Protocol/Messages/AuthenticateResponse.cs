namespace AsyncCassandra.Protocol.Messages;

/// <summary>AUTHENTICATE (spec §4.2.3): a [string] naming the server's IAuthenticator class.</summary>
internal sealed record AuthenticateResponse(string Authenticator)
{
    public static AuthenticateResponse Read(ref CqlReader reader) => new(reader.ReadString());
}
