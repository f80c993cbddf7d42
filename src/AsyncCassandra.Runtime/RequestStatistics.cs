namespace AsyncCassandra;

/// <summary>
/// Request counts since the cluster was created and latency percentiles over a sliding window, for the whole client
/// or for one node (see <see cref="ClusterMonitor.GetStatistics"/>). For the whole client a request is one call,
/// retries included; for a node it is one attempt sent to that node.
/// </summary>
public sealed record RequestStatistics
{
    /// <summary>Requests completed since the cluster was created.</summary>
    public long Total { get; init; }

    /// <summary>Requests that succeeded.</summary>
    public long Succeeded { get; init; }

    /// <summary>Requests that failed (the sum of <see cref="FailuresByType"/>).</summary>
    public long Failed { get; init; }

    /// <summary>Failures by error type: the exception's type name (<c>ReadTimeoutException</c>, ...), or <c>timeout</c> and <c>cancelled</c>.</summary>
    public IReadOnlyDictionary<string, long> FailuresByType { get; init; } = new Dictionary<string, long>();

    /// <summary>How far back the percentiles look (<see cref="CassandraOptions.StatisticsWindow"/>).</summary>
    public TimeSpan Window { get; init; }

    /// <summary>Requests completed within the window (the percentiles' population).</summary>
    public long RequestsInWindow { get; init; }

    /// <summary>The median latency within the window (to within ±10 %); null when none completed.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>The 95th percentile latency within the window; null when none completed.</summary>
    public TimeSpan? P95 { get; init; }

    /// <summary>The 99th percentile latency within the window; null when none completed.</summary>
    public TimeSpan? P99 { get; init; }
}

/// <summary>The in-memory statistics of a cluster at one moment: overall and per node (see <see cref="ClusterMonitor.GetStatistics"/>).</summary>
public sealed record StatisticsSnapshot
{
    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset TakenAt { get; init; }

    /// <summary>Every call of every session of the cluster.</summary>
    public required RequestStatistics Overall { get; init; }

    /// <summary>Attempts per node, by endpoint ("host:port").</summary>
    public required IReadOnlyDictionary<string, RequestStatistics> ByHost { get; init; }
}
