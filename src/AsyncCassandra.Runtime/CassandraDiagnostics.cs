using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsyncCassandra;

/// <summary>
/// The names to subscribe to for metrics and traces. Metrics (System.Diagnostics.Metrics, meter
/// <see cref="MeterName"/>): <c>cassandra.client.requests</c> (counter, tag <c>outcome</c>),
/// <c>cassandra.client.request.duration</c> (histogram, seconds), <c>cassandra.client.retries</c>,
/// <c>cassandra.client.timeouts</c>, <c>cassandra.client.requests.active</c> and <c>cassandra.client.connections</c>
/// (up-down counters). Traces (ActivitySource <see cref="ActivitySourceName"/>): one client span per request,
/// with OpenTelemetry database attributes. Both cost one check per request when nobody listens.
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

    internal static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("cassandra.client.connections", "{connection}", "Open connections to nodes.");

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

    private static string Operation(Statement statement)
    {
        if (statement is BatchStatement)
        {
            return "BATCH";
        }

        ReadOnlySpan<char> text = statement.ToString().AsSpan().TrimStart();
        int space = text.IndexOfAny(' ', '\n', '\t');
        return (space < 0 ? text : text[..space]).ToString().ToUpperInvariant();
    }

    internal static string Outcome(Exception? error) => error switch
    {
        null => "success",
        TimeoutException => "timeout",
        OperationCanceledException => "cancelled",
        _ => error.GetType().Name,
    };
}
