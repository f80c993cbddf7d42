using System.Net;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// EVENT (spec §4.2.6), sent on stream -1 to connections that REGISTERed: TOPOLOGY_CHANGE and STATUS_CHANGE carry a
/// [string] change and an [inet] address; SCHEMA_CHANGE carries a <see cref="Messages.SchemaChange"/>.
/// </summary>
internal sealed record EventResponse(string Type, string? Change, IPEndPoint? Address, SchemaChange? SchemaChange)
{
    public static EventResponse Read(ref CqlReader reader)
    {
        string type = reader.ReadString();
        return type switch
        {
            "TOPOLOGY_CHANGE" or "STATUS_CHANGE" => new EventResponse(type, reader.ReadString(), reader.ReadInet(), null),
            "SCHEMA_CHANGE" => new EventResponse(type, null, null, SchemaChange.Read(ref reader)),
            _ => throw new ProtocolException($"Unknown event type '{type}' (spec §4.2.6)."),
        };
    }
}
