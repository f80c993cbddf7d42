namespace AsyncCassandra;

/// <summary>What the client knows of a node's health (see <see cref="ClusterMonitor"/>).</summary>
public enum HostState
{
    /// <summary>Listed by the cluster, but no connection to it has succeeded yet.</summary>
    Unknown,

    /// <summary>A connection or probe succeeded, or the cluster said the node is up.</summary>
    Up,

    /// <summary>Connecting or probing failed, or the cluster said the node is down.</summary>
    Down,
}
