namespace AsyncCassandra;

/// <summary>One node as the client sees it at one moment (see <see cref="ClusterMonitor.GetHostStates"/>).</summary>
public sealed record HostStatus
{
    /// <summary>"host:port".</summary>
    public required string Endpoint { get; init; }

    /// <summary>The node's address.</summary>
    public required string Address { get; init; }

    /// <summary>The node's native protocol port.</summary>
    public int Port { get; init; }

    /// <summary>Up, down, or unknown (listed by the cluster, not reached yet).</summary>
    public HostState State { get; init; }

    /// <summary>The node's data centre, as the cluster's system tables say; null before discovery.</summary>
    public string? Datacenter { get; init; }

    /// <summary>The node's rack.</summary>
    public string? Rack { get; init; }

    /// <summary>The node's Cassandra version (<c>release_version</c>).</summary>
    public string? ReleaseVersion { get; init; }

    /// <summary>Whether the cluster's control connection (discovery and events) is on this node.</summary>
    public bool IsControlHost { get; init; }

    /// <summary>Open connections of every session to the node (the control connection not included).</summary>
    public int OpenConnections { get; init; }

    /// <summary>Requests sent to the node and waiting for its reply.</summary>
    public int InFlightRequests { get; init; }

    /// <summary>The round trip of the last probe (<see cref="CassandraOptions.HostProbeInterval"/> or <see cref="ClusterMonitor.ProbeAsync"/>); null before the first.</summary>
    public TimeSpan? LastProbeLatency { get; init; }

    /// <summary>When the last successful probe answered.</summary>
    public DateTimeOffset? LastProbeAt { get; init; }

    /// <summary>The last error seen with the node (a failed connect or probe, a dropped connection); null when none.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }
}

/// <summary>A node changed state (see <see cref="ClusterMonitor.HostStateChanged"/>).</summary>
public sealed class HostStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public HostStateChangedEventArgs(HostStatus host, HostState previousState, string? reason)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        PreviousState = previousState;
        Reason = reason;
    }

    /// <summary>The node, in its new state (<see cref="HostStatus.State"/>).</summary>
    public HostStatus Host { get; }

    /// <summary>The state it left.</summary>
    public HostState PreviousState { get; }

    /// <summary>Why it went down, when known (the connect error, "STATUS_CHANGE DOWN event", the probe error).</summary>
    public string? Reason { get; }
}

/// <summary>The whole cluster in one call (see <see cref="ClusterMonitor.GetSummary"/>).</summary>
public sealed record ClusterSummary
{
    /// <summary>The cluster's name, once connected.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The native protocol version in use; 0 before the first connection.</summary>
    public int ProtocolVersion { get; init; }

    /// <summary>Nodes known.</summary>
    public int NodesKnown { get; init; }

    /// <summary>Nodes up.</summary>
    public int NodesUp { get; init; }

    /// <summary>Nodes down.</summary>
    public int NodesDown { get; init; }

    /// <summary>Nodes not reached yet.</summary>
    public int NodesUnknown { get; init; }

    /// <summary>Open connections of every session to every node.</summary>
    public int OpenConnections { get; init; }

    /// <summary>Requests waiting for a node's reply.</summary>
    public int InFlightRequests { get; init; }

    /// <summary>Every node.</summary>
    public required IReadOnlyList<HostStatus> Hosts { get; init; }

    /// <summary>Every call of every session since the cluster was created, and latency percentiles over the window.</summary>
    public required RequestStatistics Requests { get; init; }
}
