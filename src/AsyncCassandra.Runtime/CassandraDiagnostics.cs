using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsyncCassandra;

/// <summary>
/// The names to subscribe to for metrics and traces. Metrics (System.Diagnostics.Metrics, meter
/// <see cref="MeterName"/>): <c>db.client.operation.duration</c> (OpenTelemetry's database-client histogram, seconds,
/// tags <c>db.system.name</c>, <c>db.operation.name</c>, <c>db.namespace</c>, <c>server.address</c>,
/// <c>server.port</c> and <c>error.type</c> on failure), <c>cassandra.client.requests</c> (counter, tags
/// <c>outcome</c>, <c>db.operation.name</c>, <c>server.address</c>, <c>server.port</c>),
/// <c>cassandra.client.request.duration</c> (histogram, seconds, same tags), <c>cassandra.client.retries</c>,
/// <c>cassandra.client.speculative_executions</c>, <c>cassandra.client.timeouts</c> (tag <c>db.operation.name</c>),
/// <c>cassandra.client.requests.active</c>, <c>cassandra.client.connections</c> (per node: <c>server.address</c>,
/// <c>server.port</c>), <c>cassandra.client.host.up</c> and <c>cassandra.client.host.requests.in_flight</c>
/// (gauges per node), <c>cassandra.client.probe.duration</c> (histogram per node) and
/// <c>cassandra.client.prepared_statements.evicted</c>. docs/observability.md lists them with their tags. Traces
/// (ActivitySource <see cref="ActivitySourceName"/>): one client span per request, with OpenTelemetry database
/// attributes. Both cost one check per request when nobody listens.
/// </summary>
public static class CassandraDiagnostics
{
    /// <summary>The Meter name: add it to your metrics pipeline (e.g. OpenTelemetry's AddMeter).</summary>
    public const string MeterName = "AsyncCassandra";

    /// <summary>The ActivitySource name: add it to your tracing pipeline (e.g. OpenTelemetry's AddSource).</summary>
    public const string ActivitySourceName = "AsyncCassandra";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(CassandraDiagnostics).Assembly.GetName().Version?.ToString(3));

    internal static readonly Meter Meter = new(MeterName, typeof(CassandraDiagnostics).Assembly.GetName().Version?.ToString(3));

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("cassandra.client.requests", "{request}", "Requests completed, by outcome (success or the error type).");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("cassandra.client.request.duration", "s", "Time from the call to its completion, retries included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("cassandra.client.retries", "{retry}", "Attempts retried by the retry policy.");

    internal static readonly Counter<long> SpeculativeExecutions = Meter.CreateCounter<long>("cassandra.client.speculative_executions", "{execution}", "Extra executions started by the speculative execution policy.");

    internal static readonly Counter<long> PreparedStatementsEvicted = Meter.CreateCounter<long>("cassandra.client.prepared_statements.evicted", "{statement}", "Prepared statements dropped from a session's cache (CassandraOptions.MaxPreparedStatements).");

    internal static readonly Counter<long> MetadataRefreshes = Meter.CreateCounter<long>("cassandra.client.prepared_statements.metadata_refreshes", "{execution}", "Executions repeated with result metadata because the cached columns of a prepared statement proved stale (the table was altered).");

    internal static readonly Counter<long> ConnectionsReplaced = Meter.CreateCounter<long>("cassandra.client.connections.replaced", "{connection}", "Connections replaced because too many of their stream ids were held by requests that never got a reply (CassandraOptions.MaxOrphanedRequestShare).");

    internal static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("cassandra.client.timeouts", "{request}", "Requests that exceeded their timeout.");

    internal static readonly UpDownCounter<long> ActiveRequests = Meter.CreateUpDownCounter<long>("cassandra.client.requests.active", "{request}", "Requests in progress.");

    /// <summary>
    /// Observed, not counted: a pipeline that starts listening after the client connected (a metrics exporter set up
    /// after start-up) still sees every open connection, and never a negative count.
    /// </summary>
    internal static readonly ObservableUpDownCounter<int> Connections = Meter.CreateObservableUpDownCounter("cassandra.client.connections", ObserveConnections, "{connection}", "Open connections to nodes, per node (server.address, server.port); the control connection included.");

    /// <summary>OpenTelemetry's database-client operation duration (semantic conventions: db.client.operation.duration).</summary>
    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>("db.client.operation.duration", "s", "Duration of database client operations (OpenTelemetry semantic conventions).");

    internal static readonly Histogram<double> ProbeDuration = Meter.CreateHistogram<double>("cassandra.client.probe.duration", "s", "Round trip of the connection monitor's probe of a node (CassandraOptions.HostProbeInterval), per node.");

    /// <summary>The monitors of the live clusters, read by the per-node gauges (weakly: a cluster never disposed is still collected).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClusterMonitor, object?> Monitors = new();

    internal static readonly ObservableGauge<int> HostUp = Meter.CreateObservableGauge("cassandra.client.host.up", ObserveHostsUp, "{node}", "1 while the client sees the node up, 0 while down or not reached yet; per node (server.address, server.port).");

    internal static readonly ObservableGauge<int> HostInFlight = Meter.CreateObservableGauge("cassandra.client.host.requests.in_flight", ObserveHostsInFlight, "{request}", "Requests sent to the node and waiting for its reply; per node (server.address, server.port).");

    internal const string Success = "success";

    internal static void Register(ClusterMonitor monitor) => Monitors.TryAdd(monitor, null);

    internal static void Unregister(ClusterMonitor monitor) => Monitors.Remove(monitor);

    private static IEnumerable<Measurement<int>> ObserveHostsUp()
    {
        foreach ((ClusterMonitor monitor, _) in Monitors)
        {
            foreach (Cluster.Host host in monitor.Hosts)
            {
                yield return new Measurement<int>(host.State == HostState.Up ? 1 : 0, host.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveConnections()
    {
        foreach ((ClusterMonitor monitor, _) in Monitors)
        {
            Cluster.Host? control = monitor.ControlHost;
            foreach (Cluster.Host host in monitor.Hosts)
            {
                yield return new Measurement<int>(host.OpenConnections + (ReferenceEquals(host, control) ? 1 : 0), host.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveHostsInFlight()
    {
        foreach ((ClusterMonitor monitor, _) in Monitors)
        {
            foreach (Cluster.Host host in monitor.Hosts)
            {
                yield return new Measurement<int>(host.InFlightRequests, host.Tags);
            }
        }
    }

    /// <summary>Starts a client span for a statement when a listener samples it; null otherwise (the common, free case).</summary>
    internal static Activity? StartRequest(Statement statement, string? keyspace, ConsistencyLevel defaultConsistency)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity("cassandra " + Operation(statement), ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system", "cassandra");
            activity.SetTag("db.namespace", keyspace);
            activity.SetTag("db.query.text", statement.ToString());
            activity.SetTag("db.operation.name", Operation(statement));
            // The level actually sent: the statement's own, or the session default it falls back to.
            activity.SetTag("db.cassandra.consistency_level", ConsistencyName(statement.ConsistencyLevel ?? defaultConsistency));
        }

        return activity;
    }

    /// <summary>Tags the node an attempt goes to, so a failed span names where it failed too (the last attempt wins).</summary>
    internal static void TagServer(Activity? activity, string address, int port)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("server.address", address);
            activity.SetTag("server.port", port);
        }
    }

    /// <summary>OpenTelemetry's value for a level (its Cassandra conventions: "local_one", "quorum", ...).</summary>
    internal static string ConsistencyName(ConsistencyLevel level) => level switch
    {
        ConsistencyLevel.Any => "any",
        ConsistencyLevel.One => "one",
        ConsistencyLevel.Two => "two",
        ConsistencyLevel.Three => "three",
        ConsistencyLevel.Quorum => "quorum",
        ConsistencyLevel.All => "all",
        ConsistencyLevel.LocalQuorum => "local_quorum",
        ConsistencyLevel.EachQuorum => "each_quorum",
        ConsistencyLevel.Serial => "serial",
        ConsistencyLevel.LocalSerial => "local_serial",
        ConsistencyLevel.LocalOne => "local_one",
        _ => level.ToString(),
    };

    private static readonly string[] KnownOperations =
    [
        "SELECT", "INSERT", "UPDATE", "DELETE", "BATCH", "USE", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "LIST",
        "BEGIN", "APPLY",
    ];

    /// <summary>
    /// The operation's name (OpenTelemetry's <c>db.operation.name</c>): the statement's first keyword, upper-case;
    /// BATCH for a batch. Common keywords come from a table, so tagging allocates nothing for them.
    /// </summary>
    internal static string Operation(Statement statement) => statement switch
    {
        BatchStatement => "BATCH",
        BoundStatement bound => bound.PreparedStatement.OperationName,
        _ => Operation(statement.ToString() ?? string.Empty),
    };

    /// <summary>The operation of a CQL text: its first keyword when it is a known one, otherwise <c>OTHER</c>.</summary>
    internal static string Operation(string cql)
    {
        ReadOnlySpan<char> text = cql.AsSpan().TrimStart();
        int end = text.IndexOfAny(' ', '\n', '\t');
        ReadOnlySpan<char> keyword = end < 0 ? text : text[..end];
        foreach (string known in KnownOperations)
        {
            if (keyword.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        // Bounded: an unknown first word (a comment, a typo) must not become a metric series of its own.
        return "OTHER";
    }

    internal static string Outcome(Exception? error) => error switch
    {
        null => Success,
        TimeoutException => "timeout",
        OperationCanceledException => "cancelled",
        _ => error.GetType().Name,
    };
}
