using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>PREPARE (spec §4.1.5): a [long string] query; v5 adds an [int] flags and an optional [string] keyspace.</summary>
internal sealed class PrepareRequest(string cql, string? keyspace) : IRequest
{
    public Opcode Opcode => Opcode.Prepare;

    public string Cql => cql;

    public void WriteBody(CqlWriter writer, byte version)
    {
        writer.WriteLongString(cql);
        if (version >= 5)
        {
            // 0x01: With keyspace (v5 §4.1.5). Earlier versions prepare in the connection's keyspace (set by USE).
            writer.WriteInt(keyspace is null ? 0 : 0x01);
            if (keyspace is not null)
            {
                writer.WriteString(keyspace);
            }
        }
    }
}
