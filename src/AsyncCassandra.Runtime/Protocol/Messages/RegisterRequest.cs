using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>REGISTER (spec §4.1.8): a [string list] of event types (TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE).</summary>
internal sealed class RegisterRequest(IReadOnlyList<string> eventTypes) : IRequest
{
    public Opcode Opcode => Opcode.Register;

    public void WriteBody(CqlWriter writer, byte version) => writer.WriteStringList(eventTypes);
}
