using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>EXECUTE (spec §4.1.6): the prepared id as [short bytes], in v5 the result metadata id, then &lt;query_parameters&gt;.</summary>
internal readonly struct ExecuteRequest(byte[] id, byte[]? resultMetadataId, QueryParameters parameters) : IRequest
{
    public Opcode Opcode => Opcode.Execute;

    public void WriteBody(CqlWriter writer, byte version)
    {
        writer.WriteShortBytes(id);
        if (ProtocolVersions.HasResultMetadataId(version))
        {
            writer.WriteShortBytes(resultMetadataId ?? []);
        }

        parameters.Write(writer, version);
    }
}
