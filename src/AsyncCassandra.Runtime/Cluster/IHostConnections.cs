namespace AsyncCassandra.Cluster;

/// <summary>Connections to a node that the monitor counts and probes on (a session's pool of them).</summary>
internal interface IHostConnections
{
    IReadOnlyList<Connections.Connection> Connections { get; }
}
