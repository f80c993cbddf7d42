using System.Globalization;
using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra;

/// <summary>How to reach and talk to a Cassandra cluster. Every setting has a sensible default but the contact points.</summary>
public sealed class CassandraOptions
{
    /// <summary>Nodes to contact first: "host" or "host:port" (IPv6 as "[::1]:9042"). The rest of the cluster is discovered.</summary>
    public IList<string> ContactPoints { get; } = new List<string>();

    /// <summary>The native protocol port of contact points given without one. Default 9042.</summary>
    public int Port { get; set; } = 9042;

    /// <summary>The keyspace sessions use when none is given to <see cref="AsyncCluster.ConnectAsync(CancellationToken)"/>.</summary>
    public string? Keyspace { get; set; }

    /// <summary>The data centre whose nodes are preferred; taken from the first contact point when null.</summary>
    public string? LocalDatacenter { get; set; }

    /// <summary>
    /// When <see cref="LocalDatacenter"/> is set but no node of the cluster is in it, connecting fails with a
    /// <see cref="NoHostAvailableException"/> naming the data centres that exist. Default false: a warning is logged and
    /// every node counts as remote.
    /// </summary>
    public bool StrictLocalDatacenter { get; set; }

    /// <summary>Credentials for PasswordAuthenticator; null when the cluster needs none.</summary>
    public CassandraCredentials? Credentials { get; set; }

    /// <summary>The protocol version to speak (3, 4 or 5); null negotiates the highest both sides speak.</summary>
    public int? ProtocolVersion { get; set; }

    /// <summary>The lowest version acceptable; an older server fails to connect with a <see cref="ProtocolVersionException"/>.</summary>
    public int? MinimumProtocolVersion { get; set; }

    /// <summary>How long a request may take, retries included, unless the statement says otherwise. Default 12 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How long opening a connection (TCP, TLS, STARTUP, authentication) may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections a session keeps to each node. Default 1: one connection carries thousands of concurrent requests.</summary>
    public int ConnectionsPerHost { get; set; } = 1;

    /// <summary>
    /// Each plain-TCP connection reads and writes on a thread of its own, with non-blocking system calls and poll(2),
    /// and completes its replies there: the continuation after <c>await session.ExecuteAsync(...)</c> runs on that
    /// thread, and a request it issues leaves in the same round. Default true: no thread-pool work item, socket event
    /// loop or idle pool worker is involved in a round trip, which is what a client otherwise spends most of its CPU on
    /// at moderate load (docs/performance.md). A continuation that blocks or runs long does not stall the connection:
    /// after 50 ms another thread takes over reading. False: connections use .NET's asynchronous sockets and complete
    /// replies on thread-pool threads. TLS connections always do.
    /// </summary>
    public bool DedicatedIoThreads { get; set; } = true;

    /// <summary>Requests one connection carries at once (stream ids). Default 2048, at most 32768.</summary>
    public int MaxRequestsPerConnection { get; set; } = 2048;

    /// <summary>
    /// Requests whose caller left (timed out or cancelled) keep their stream id until the node replies, which it may
    /// never do. When more than this share of a connection's ids (<see cref="MaxRequestsPerConnection"/>) is held so, the
    /// connection is replaced: a new one opens, the old one closes once its answered requests are done, and the metric
    /// <c>cassandra.client.connections.replaced</c> counts it. Default 0.25 (512 of 2,048 ids); 0 &lt; share ≤ 1.
    /// </summary>
    public double MaxOrphanedRequestShare { get; set; } = 0.25;

    /// <summary>
    /// The most requests one session runs at once (a rate limiter: pages of a stream count too); more wait in the
    /// request queue (<see cref="MaxQueuedRequests"/>) until one completes or their timeout passes. Null, the default,
    /// sets no limit beyond the stream ids of the connections.
    /// </summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>
    /// How many requests of a session may wait at once: for a slot of <see cref="MaxConcurrentRequests"/>, or for a
    /// stream id when every connection to the nodes of their plan carries <see cref="MaxRequestsPerConnection"/>
    /// requests. A request that finds the queue full fails at once with <see cref="RequestQueueFullException"/>; a
    /// waiting one fails with a <see cref="TimeoutException"/> at its deadline. Zero queues nothing. Default 10,000.
    /// </summary>
    public int MaxQueuedRequests { get; set; } = 10_000;

    /// <summary>
    /// The largest response frame body accepted, in bytes (default and maximum 256 MiB, the protocol's limit; at least
    /// 64 KiB). A node announcing a larger frame is treated as broken: its connection closes with a
    /// <see cref="ProtocolException"/>. Lower it to bound what one reply can make the client hold.
    /// </summary>
    public int MaxFrameLength { get; set; } = Protocol.ProtocolVersions.MaxBodyLength;

    /// <summary>An idle connection sends OPTIONS this often to prove it is alive; zero disables. Default 30 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay before reconnecting to a node that went away; doubled per failure. Default 1 s.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between reconnection attempts. Default 60 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Frame compression. Default none.</summary>
    public CompressionAlgorithm Compression { get; set; }

    /// <summary>
    /// TLS settings, used whole for every connection (chain policy, client certificate context, callbacks, cipher suites,
    /// ...); null for plain TCP unless <see cref="Tls"/> is enabled. Server certificates are validated unless a callback
    /// says otherwise. Each connection validates the name in <see cref="SslClientAuthenticationOptions.TargetHost"/> when
    /// set, else the host it connects to (see <see cref="CassandraTlsOptions.TargetHost"/>).
    /// </summary>
    public SslClientAuthenticationOptions? Ssl { get; set; }

    /// <summary>TLS from configuration (enabled, CA file, client certificate, name to validate); ignored when <see cref="Ssl"/> is set.</summary>
    public CassandraTlsOptions Tls { get; } = new();

    /// <summary>The consistency level of statements that do not set one. Default LocalOne.</summary>
    public ConsistencyLevel DefaultConsistency { get; set; } = ConsistencyLevel.LocalOne;

    /// <summary>The serial consistency of conditional statements that do not set one; null leaves the server default (Serial).</summary>
    public ConsistencyLevel? DefaultSerialConsistency { get; set; }

    /// <summary>Rows per page of statements that do not set a page size. Default 5000.</summary>
    public int DefaultPageSize { get; set; } = 5000;

    /// <summary>
    /// Sends each statement whose partition is known (bound statements that bind the whole partition key, and batches
    /// of them) to a node that holds a replica of it, saving the coordinator a hop. The client reads the token ring
    /// and the keyspaces' replication from the system tables, and keeps them current from the server's events.
    /// Murmur3Partitioner and RandomPartitioner, SimpleStrategy and NetworkTopologyStrategy (rack-aware) are routed;
    /// other statements go round-robin. Default true.
    /// </summary>
    public bool TokenAwareRouting { get; set; } = true;

    /// <summary>
    /// How long topology events (a node added, moved or removed, an unknown node up) are collected before the client
    /// re-reads system.peers once for all of them. Events only trigger that re-read: nodes come from the cluster's own
    /// tables, never from an event's address. Default 10 s.
    /// </summary>
    public TimeSpan TopologyEventDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often <see cref="ClusterMonitor"/> probes every known node (an OPTIONS round trip on one of its connections,
    /// or a fresh connection when it has none) to record the latency and notice a node that went down or came back
    /// before a request does. Zero, the default, turns the periodic probe off; <see cref="ClusterMonitor.ProbeAsync"/>
    /// still probes on demand.
    /// </summary>
    public TimeSpan HostProbeInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How far back the in-memory latency percentiles of <see cref="ClusterMonitor.GetStatistics"/> look. The window is
    /// kept in 12 slots of fixed size, so memory does not grow with it. Default 60 s.
    /// </summary>
    public TimeSpan StatisticsWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long keyspace schema events are collected before the client re-reads the keyspaces' replication once. Default 2 s.</summary>
    public TimeSpan SchemaEventDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Networks (CIDR such as "10.0.0.0/8", or single addresses) that discovered nodes must be in for the client to
    /// connect to them (and so send them the credentials); empty, the default, allows every node the cluster lists.
    /// Contact points are always allowed.
    /// </summary>
    public IList<string> AllowedNodeNetworks { get; } = new List<string>();

    /// <summary>Connect only to the contact points; nodes discovered in system.peers are not used. Default false.</summary>
    public bool ConnectToContactPointsOnly { get; set; }

    /// <summary>
    /// The most prepared statements a session caches by text; past it the least recently used tenth is evicted (with a
    /// metric and a warning). Default 5,000.
    /// </summary>
    public int MaxPreparedStatements { get; set; } = 5000;

    /// <summary>The most nodes the client keeps track of; more listed by the cluster are ignored with a warning. Default 1,000.</summary>
    public int MaxNodes { get; set; } = 1000;

    /// <summary>
    /// Starts an idempotent request on another node too when the first has not answered in time (see
    /// <see cref="ConstantSpeculativeExecutionPolicy"/>); null, the default, never does.
    /// </summary>
    public ISpeculativeExecutionPolicy? SpeculativeExecutionPolicy { get; set; }

    /// <summary>
    /// Decides retries; default: <see cref="DefaultRetryPolicy"/>. <see cref="IdempotenceAwareRetryPolicy"/> retries as
    /// the Python async-cassandra wrapper does (configuration: <c>RetryPolicy = IdempotenceAware</c>, <c>MaxRetries</c>).
    /// </summary>
    public IRetryPolicy RetryPolicy { get; set; } = new DefaultRetryPolicy();

    /// <summary>Where the client logs; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Options from environment variables: CASSANDRA_CONTACT_POINTS (comma-separated), CASSANDRA_PORT,
    /// CASSANDRA_KEYSPACE, CASSANDRA_LOCAL_DC, CASSANDRA_USERNAME and CASSANDRA_PASSWORD, CASSANDRA_PROTOCOL_VERSION,
    /// CASSANDRA_REQUEST_TIMEOUT_MS. Contact points default to 127.0.0.1.
    /// </summary>
    public static CassandraOptions FromEnvironment()
    {
        var options = new CassandraOptions();
        string? points = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS");
        foreach (string point in (string.IsNullOrWhiteSpace(points) ? "127.0.0.1" : points).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.ContactPoints.Add(point);
        }

        if (Int("CASSANDRA_PORT") is { } port)
        {
            options.Port = port;
        }

        options.Keyspace = Str("CASSANDRA_KEYSPACE");
        options.LocalDatacenter = Str("CASSANDRA_LOCAL_DC");
        if (Str("CASSANDRA_USERNAME") is { } user)
        {
            options.Credentials = new CassandraCredentials(user, Str("CASSANDRA_PASSWORD") ?? string.Empty);
        }

        options.ProtocolVersion = Int("CASSANDRA_PROTOCOL_VERSION");
        if (Int("CASSANDRA_REQUEST_TIMEOUT_MS") is { } timeout)
        {
            options.RequestTimeout = TimeSpan.FromMilliseconds(timeout);
        }

        return options;

        static string? Str(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        static int? Int(string name) => Str(name) is { } value
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"Environment variable {name}='{value}' is not a whole number.")
            : null;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"CassandraOptions.{name} is {value}; it must be positive (and under 24 days).");
        }
    }

    private static void NotNegative(TimeSpan value, string name, string zero)
    {
        if (value < TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"CassandraOptions.{name} is {value}; it must be zero or positive ({zero}) and under 24 days.");
        }
    }

    /// <summary>Checks the options, throwing an <see cref="ArgumentException"/> that names the bad setting.</summary>
    public void Validate()
    {
        if (ContactPoints.Count == 0)
        {
            throw new ArgumentException("CassandraOptions.ContactPoints is empty: give at least one node, e.g. \"127.0.0.1\" (or set CASSANDRA_CONTACT_POINTS and use CassandraOptions.FromEnvironment()).");
        }

        foreach (string point in ContactPoints)
        {
            _ = Cluster.ContactPoint.Parse(point, Port);
        }

        if (Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"CassandraOptions.Port {Port} is not a TCP port (1-65535).");
        }

        if (ProtocolVersion is { } v && (v < 3 || v > 5))
        {
            throw new ArgumentException($"CassandraOptions.ProtocolVersion {v} is not supported: this client speaks native protocol 3, 4 and 5.");
        }

        if (MinimumProtocolVersion is { } min && (min < 3 || min > 5))
        {
            throw new ArgumentException($"CassandraOptions.MinimumProtocolVersion {min} is not supported: use 3, 4 or 5.");
        }

        if (ProtocolVersion is { } p && MinimumProtocolVersion is { } m && p < m)
        {
            throw new ArgumentException($"CassandraOptions.ProtocolVersion {p} is below MinimumProtocolVersion {m}.");
        }

        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(ReconnectBaseDelay, nameof(ReconnectBaseDelay));
        Positive(ReconnectMaxDelay, nameof(ReconnectMaxDelay));
        NotNegative(HeartbeatInterval, nameof(HeartbeatInterval), "zero turns heartbeats off");
        NotNegative(TopologyEventDelay, nameof(TopologyEventDelay), "zero refreshes at once");
        NotNegative(SchemaEventDelay, nameof(SchemaEventDelay), "zero refreshes at once");
        NotNegative(HostProbeInterval, nameof(HostProbeInterval), "zero turns the periodic probe off");
        Positive(StatisticsWindow, nameof(StatisticsWindow));
        if (ReconnectMaxDelay < ReconnectBaseDelay)
        {
            throw new ArgumentException($"CassandraOptions.ReconnectMaxDelay ({ReconnectMaxDelay}) is below ReconnectBaseDelay ({ReconnectBaseDelay}).");
        }

        if (ConnectionsPerHost is < 1 or > 64)
        {
            throw new ArgumentException($"CassandraOptions.ConnectionsPerHost {ConnectionsPerHost} must be 1-64.");
        }

        if (MaxRequestsPerConnection is < 1 or > 32768)
        {
            throw new ArgumentException($"CassandraOptions.MaxRequestsPerConnection {MaxRequestsPerConnection} must be 1-32768 (spec §2.3).");
        }

        if (MaxConcurrentRequests is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"CassandraOptions.MaxConcurrentRequests {MaxConcurrentRequests} must be 1-1,000,000, or null for no limit.");
        }

        if (MaxQueuedRequests is < 0 or > 1_000_000)
        {
            throw new ArgumentException($"CassandraOptions.MaxQueuedRequests {MaxQueuedRequests} must be 0-1,000,000 (0: a request that finds no room fails at once).");
        }

        foreach (string network in AllowedNodeNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _) && !System.Net.IPAddress.TryParse(network, out _))
            {
                throw new ArgumentException($"CassandraOptions.AllowedNodeNetworks entry '{network}' is neither a network in CIDR notation (10.0.0.0/8) nor an address.");
            }
        }

        if (!(MaxOrphanedRequestShare > 0 && MaxOrphanedRequestShare <= 1))
        {
            throw new ArgumentException($"CassandraOptions.MaxOrphanedRequestShare {MaxOrphanedRequestShare.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be above 0 and at most 1 (a share of MaxRequestsPerConnection, e.g. 0.25).");
        }

        if (MaxPreparedStatements < 1)
        {
            throw new ArgumentException($"CassandraOptions.MaxPreparedStatements {MaxPreparedStatements} must be at least 1.");
        }

        if (MaxNodes < 1)
        {
            throw new ArgumentException($"CassandraOptions.MaxNodes {MaxNodes} must be at least 1.");
        }

        if (MaxFrameLength is < 64 * 1024 or > Protocol.ProtocolVersions.MaxBodyLength)
        {
            throw new ArgumentException($"CassandraOptions.MaxFrameLength {MaxFrameLength} must be between 65536 (64 KiB) and {Protocol.ProtocolVersions.MaxBodyLength} (256 MiB, the protocol's limit).");
        }

        if (DefaultPageSize < 1)
        {
            throw new ArgumentException("CassandraOptions.DefaultPageSize must be positive.");
        }
    }
}
