using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>OPTIONS (spec §4.1.3): an empty body; the server answers SUPPORTED. Also the heartbeat.</summary>
internal sealed class OptionsRequest : IRequest
{
    public static readonly OptionsRequest Instance = new();

    public Opcode Opcode => Opcode.Options;

    public void WriteBody(CqlWriter writer, byte version)
    {
    }
}
