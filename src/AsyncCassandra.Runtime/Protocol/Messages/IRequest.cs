using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>A request message: its opcode and how it writes its body for a protocol version.</summary>
internal interface IRequest
{
    Opcode Opcode { get; }

    void WriteBody(CqlWriter writer, byte version);
}
