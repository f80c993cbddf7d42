using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>QUERY (spec §4.1.4): a [long string] query and &lt;query_parameters&gt;.</summary>
internal readonly struct QueryRequest(string cql, QueryParameters parameters) : IRequest
{
    public Opcode Opcode => Opcode.Query;

    public void WriteBody(CqlWriter writer, byte version)
    {
        writer.WriteLongString(cql);
        parameters.Write(writer, version);
    }
}
