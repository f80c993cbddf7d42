using Microsoft.Extensions.Logging;

namespace AsyncCassandra;

/// <summary>The hosted lifecycle's log messages (category <c>AsyncCassandra.Hosting</c>); event ids are stable.</summary>
internal static partial class CassandraHostingLog
{
    public const string Category = "AsyncCassandra.Hosting";

    [LoggerMessage(EventId = 1001, EventName = "ConnectedAtStartup", Level = LogLevel.Information,
        Message = "Cassandra{Cluster}: connected at start-up to {Nodes} node(s) with native protocol v{Version} in {Seconds:0.0} s")]
    public static partial void ConnectedAtStartup(ILogger logger, string cluster, int nodes, int version, double seconds);

    [LoggerMessage(EventId = 1002, EventName = "StartupRetry", Level = LogLevel.Warning,
        Message = "Cassandra{Cluster}: no node answered yet ({Error}); retrying in {Delay:0.#} s, waiting at most {Timeout:0.#} s in all")]
    public static partial void StartupRetry(ILogger logger, string cluster, string error, double delay, double timeout);

    [LoggerMessage(EventId = 1003, EventName = "StartupFailed", Level = LogLevel.Critical,
        Message = "Cassandra{Cluster}: could not connect at start-up; the host does not start")]
    public static partial void StartupFailed(ILogger logger, string cluster, Exception error);

    [LoggerMessage(EventId = 1004, EventName = "Draining", Level = LogLevel.Information,
        Message = "Cassandra{Cluster}: shutting down; new requests are refused, waiting up to {Timeout:0.#} s for {InFlight} in flight")]
    public static partial void Draining(ILogger logger, string cluster, double timeout, int inFlight);

    [LoggerMessage(EventId = 1005, EventName = "Drained", Level = LogLevel.Information,
        Message = "Cassandra{Cluster}: requests drained in {Seconds:0.00} s; closing connections")]
    public static partial void Drained(ILogger logger, string cluster, double seconds);

    [LoggerMessage(EventId = 1006, EventName = "DrainIncomplete", Level = LogLevel.Warning,
        Message = "Cassandra{Cluster}: {InFlight} request(s) still in flight after {Seconds:0.0} s; closing connections anyway")]
    public static partial void DrainIncomplete(ILogger logger, string cluster, int inFlight, double seconds);
}
