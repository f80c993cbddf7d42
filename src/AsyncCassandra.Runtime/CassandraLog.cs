using Microsoft.Extensions.Logging;

namespace AsyncCassandra;

/// <summary>
/// The client's log messages (category <c>AsyncCassandra</c>), source-generated with stable event ids: 2000s
/// connections, 2100s nodes, 2200s the control connection, 2300s protocol negotiation, 2400s schema and routing,
/// 2500s request execution, 2600s security. Ids are never reused; docs/observability.md lists them. Nothing here
/// takes a statement's values or the credentials; the per-request message is Trace, written only when enabled.
/// </summary>
internal static partial class CassandraLog
{
    public const string Category = "AsyncCassandra";

    // Connections.
    [LoggerMessage(EventId = 2001, EventName = "ConnectionOpened", Level = LogLevel.Debug,
        Message = "Connection to {Endpoint} opened (native protocol v{Version})")]
    public static partial void ConnectionOpened(ILogger logger, string endpoint, int version);

    [LoggerMessage(EventId = 2002, EventName = "ConnectionClosed", Level = LogLevel.Warning,
        Message = "Connection to {Endpoint} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 2003, EventName = "ConnectionClosedByError", Level = LogLevel.Warning,
        Message = "Connection to {Endpoint} closed by an unexpected error")]
    public static partial void ConnectionClosedByError(ILogger logger, string endpoint, Exception error);

    [LoggerMessage(EventId = 2004, EventName = "ConnectionClosedDuringHandshake", Level = LogLevel.Debug,
        Message = "Connection to {Endpoint} closed during the handshake: {Reason}")]
    public static partial void ConnectionClosedDuringHandshake(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 2005, EventName = "ConnectionFailed", Level = LogLevel.Warning,
        Message = "Cannot connect to {Endpoint} ({Error}); retrying in {Delay} s")]
    public static partial void ConnectionFailed(ILogger logger, string endpoint, string error, double delay);

    [LoggerMessage(EventId = 2006, EventName = "ConnectionRefused", Level = LogLevel.Warning,
        Message = "Connecting to {Endpoint} was refused ({Error}); not trying again for {Delay} s")]
    public static partial void ConnectionRefused(ILogger logger, string endpoint, string error, double delay);

    [LoggerMessage(EventId = 2007, EventName = "ConnectionDroppedAfterOpening", Level = LogLevel.Warning,
        Message = "The connection to {Endpoint} closed {Lifetime} ms after opening ({Error}); reconnecting in {Delay} s")]
    public static partial void ConnectionDroppedAfterOpening(ILogger logger, string endpoint, long lifetime, string? error, double delay);

    [LoggerMessage(EventId = 2008, EventName = "Reconnecting", Level = LogLevel.Information,
        Message = "Reconnecting to {Endpoint}: attempt {Attempt} after waiting {Delay} s")]
    public static partial void Reconnecting(ILogger logger, string endpoint, int attempt, double delay);

    [LoggerMessage(EventId = 2009, EventName = "Reconnected", Level = LogLevel.Information,
        Message = "Reconnected to {Endpoint} after {Attempts} failed attempt(s)")]
    public static partial void Reconnected(ILogger logger, string endpoint, int attempts);

    [LoggerMessage(EventId = 2010, EventName = "StrayReply", Level = LogLevel.Debug,
        Message = "Reply on stream {Stream} from {Endpoint} has no waiting request; dropped")]
    public static partial void StrayReply(ILogger logger, short stream, string endpoint);

    [LoggerMessage(EventId = 2011, EventName = "HeartbeatAnswered", Level = LogLevel.Trace,
        Message = "Heartbeat to {Endpoint} answered")]
    public static partial void HeartbeatAnswered(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2012, EventName = "IoThreadTakenOver", Level = LogLevel.Warning,
        Message = "The I/O thread of the connection to {Endpoint} spent {ElapsedMs:0} ms completing one batch of replies (code after an await blocks or computes there); a new thread took over the reading. Move long work after a query off that thread (await Task.Yield() or Task.Run), or set CassandraOptions.DedicatedIoThreads = false")]
    public static partial void IoThreadTakenOver(ILogger logger, string endpoint, double elapsedMs);

    // Nodes.
    [LoggerMessage(EventId = 2101, EventName = "HostUp", Level = LogLevel.Information,
        Message = "Node {Endpoint} is up (was {Previous})")]
    public static partial void HostUp(ILogger logger, string endpoint, HostState previous);

    [LoggerMessage(EventId = 2102, EventName = "HostDown", Level = LogLevel.Warning,
        Message = "Node {Endpoint} is down (was {Previous}): {Reason}")]
    public static partial void HostDown(ILogger logger, string endpoint, HostState previous, string reason);

    [LoggerMessage(EventId = 2103, EventName = "HostRemoved", Level = LogLevel.Information,
        Message = "Node {Endpoint} is no longer listed by the cluster; forgetting it")]
    public static partial void HostRemoved(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2104, EventName = "NodesNotAdded", Level = LogLevel.Warning,
        Message = "{Count} node(s) listed by system.peers were not added: outside CassandraOptions.AllowedNodeNetworks, not a contact point under ConnectToContactPointsOnly, or past MaxNodes ({Max})")]
    public static partial void NodesNotAdded(ILogger logger, int count, int max);

    [LoggerMessage(EventId = 2105, EventName = "ClusterDiscovered", Level = LogLevel.Information,
        Message = "Cluster {Cluster}: {Count} node(s), local data centre {Dc}")]
    public static partial void ClusterDiscovered(ILogger logger, string? cluster, int count, string? dc);

    [LoggerMessage(EventId = 2106, EventName = "StatusEvent", Level = LogLevel.Debug,
        Message = "The cluster says node {Endpoint} is {Change}")]
    public static partial void StatusEvent(ILogger logger, string endpoint, string change);

    [LoggerMessage(EventId = 2107, EventName = "HostStateHandlerFailed", Level = LogLevel.Warning,
        Message = "A HostStateChanged handler threw for node {Endpoint}")]
    public static partial void HostStateHandlerFailed(ILogger logger, string endpoint, Exception error);

    [LoggerMessage(EventId = 2108, EventName = "ProbeFailed", Level = LogLevel.Debug,
        Message = "Probe of node {Endpoint} failed: {Error}")]
    public static partial void ProbeFailed(ILogger logger, string endpoint, string error);

    [LoggerMessage(EventId = 2109, EventName = "LocalDatacenterUnknown", Level = LogLevel.Warning,
        Message = "{Message} Every node counts as remote; set LocalDatacenter to one of them, or StrictLocalDatacenter = true to fail instead.")]
    public static partial void LocalDatacenterUnknown(ILogger logger, string message);

    // Control connection.
    [LoggerMessage(EventId = 2201, EventName = "ControlConnectionLost", Level = LogLevel.Warning,
        Message = "Control connection lost; reconnecting (attempt {Attempt}): {Error}")]
    public static partial void ControlConnectionLost(ILogger logger, int attempt, string error);

    [LoggerMessage(EventId = 2202, EventName = "ControlConnectionFailed", Level = LogLevel.Error,
        Message = "Control connection failed unexpectedly; reconnecting (attempt {Attempt})")]
    public static partial void ControlConnectionFailed(ILogger logger, int attempt, Exception error);

    [LoggerMessage(EventId = 2203, EventName = "ServerEventFailed", Level = LogLevel.Warning,
        Message = "Server event from {Endpoint} could not be handled")]
    public static partial void ServerEventFailed(ILogger logger, string endpoint, Exception error);

    [LoggerMessage(EventId = 2204, EventName = "ControlConnectionReconnecting", Level = LogLevel.Information,
        Message = "Control connection: attempt {Attempt} to reconnect after waiting {Delay} s")]
    public static partial void ControlConnectionReconnecting(ILogger logger, int attempt, double delay);

    // Protocol negotiation.
    [LoggerMessage(EventId = 2301, EventName = "ProtocolNegotiated", Level = LogLevel.Information,
        Message = "Connected to {Endpoint} with native protocol v{Version}")]
    public static partial void ProtocolNegotiated(ILogger logger, string endpoint, int version);

    [LoggerMessage(EventId = 2302, EventName = "ProtocolDowngradeAfterNetworkError", Level = LogLevel.Warning,
        Message = "{Endpoint} closed the connection at STARTUP for protocol v{Version} ({Error}); trying a lower version. Set CassandraOptions.MinimumProtocolVersion to refuse a downgrade.")]
    public static partial void ProtocolDowngradeAfterNetworkError(ILogger logger, string endpoint, int version, string error);

    [LoggerMessage(EventId = 2303, EventName = "ProtocolVersionRefused", Level = LogLevel.Debug,
        Message = "{Endpoint} refused protocol v{Version}: {Error}")]
    public static partial void ProtocolVersionRefused(ILogger logger, string endpoint, int version, string error);

    // Schema and routing.
    [LoggerMessage(EventId = 2401, EventName = "SchemaAgreed", Level = LogLevel.Debug,
        Message = "Schema agreed after a change on {Endpoint} in {Milliseconds} ms")]
    public static partial void SchemaAgreed(ILogger logger, string endpoint, long milliseconds);

    [LoggerMessage(EventId = 2402, EventName = "SchemaDisagreement", Level = LogLevel.Warning,
        Message = "Schema versions did not agree within {Seconds} s after a change on {Endpoint}; continuing")]
    public static partial void SchemaDisagreement(ILogger logger, double seconds, string endpoint);

    [LoggerMessage(EventId = 2403, EventName = "PartitionKeyUnread", Level = LogLevel.Debug,
        Message = "Could not read the partition key of {Keyspace}.{Table}: {Error}")]
    public static partial void PartitionKeyUnread(ILogger logger, string keyspace, string table, string error);

    [LoggerMessage(EventId = 2404, EventName = "TokenMapBuilt", Level = LogLevel.Debug,
        Message = "Token map: {Tokens} tokens over {Nodes} node(s), {Keyspaces} routable keyspace(s)")]
    public static partial void TokenMapBuilt(ILogger logger, int tokens, int nodes, int keyspaces);

    [LoggerMessage(EventId = 2405, EventName = "PartitionerNotRouted", Level = LogLevel.Information,
        Message = "Partitioner {Partitioner} is not routed by token; statements go round-robin")]
    public static partial void PartitionerNotRouted(ILogger logger, string partitioner);

    [LoggerMessage(EventId = 2406, EventName = "ReplicationUnread", Level = LogLevel.Warning,
        Message = "Could not read the keyspaces' replication, token-aware routing keeps what it had: {Error}")]
    public static partial void ReplicationUnread(ILogger logger, string error);

    // Request execution.
    [LoggerMessage(EventId = 2501, EventName = "Retry", Level = LogLevel.Debug,
        Message = "{Operation} failed on {Endpoint} ({Error}); retry policy says {Decision} (attempt {Attempt})")]
    public static partial void Retry(ILogger logger, string operation, string endpoint, string error, RetryDecision decision, int attempt);

    [LoggerMessage(EventId = 2502, EventName = "SpeculativeExecution", Level = LogLevel.Debug,
        Message = "{Operation}: no answer yet, speculative execution {Execution} starts on the next node")]
    public static partial void SpeculativeExecution(ILogger logger, string operation, int execution);

    [LoggerMessage(EventId = 2503, EventName = "PreparedStatementsEvicted", Level = LogLevel.Warning,
        Message = "The session's prepared statement cache reached CassandraOptions.MaxPreparedStatements ({Max}); {Evicted} least recently used statement(s) evicted. Many distinct statement texts usually mean values written into the CQL instead of bound to markers.")]
    public static partial void PreparedStatementsEvicted(ILogger logger, int max, int evicted);

    [LoggerMessage(EventId = 2504, EventName = "RequestCompleted", Level = LogLevel.Trace,
        Message = "{Operation} on {Endpoint}: {Outcome} in {Milliseconds:0.###} ms")]
    public static partial void RequestCompleted(ILogger logger, string operation, string endpoint, string outcome, double milliseconds);

    // Security.
    [LoggerMessage(EventId = 2601, EventName = "CustomCertificateValidation", Level = LogLevel.Warning,
        Message = "CassandraOptions.Ssl has a RemoteCertificateValidationCallback: node certificates are accepted or refused by that callback alone. Prefer CertificateChainPolicy (or Tls.CaCertificateFile) to pin a private CA.")]
    public static partial void CustomCertificateValidation(ILogger logger);
}
