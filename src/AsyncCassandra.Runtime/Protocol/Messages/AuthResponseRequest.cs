using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>AUTH_RESPONSE (spec §4.1.2): a [bytes] token for the server's authenticator.</summary>
internal sealed class AuthResponseRequest(byte[] token) : IRequest
{
    public Opcode Opcode => Opcode.AuthResponse;

    public void WriteBody(CqlWriter writer, byte version) => writer.WriteBytes(token);
}
