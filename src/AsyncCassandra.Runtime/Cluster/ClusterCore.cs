using AsyncCassandra.Cluster.Routing;
using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncCassandra.Cluster;

/// <summary>
/// What the sessions of one <see cref="AsyncCluster"/> share, wired together: the options, the connection factory
/// (and so the negotiated protocol version), the known nodes, token-aware routing, the control connection that keeps
/// them current, and the schema-agreement wait. Each is its own class; this one only composes them and starts them once.
/// </summary>
internal sealed class ClusterCore : IAsyncDisposable
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly ConnectionFactory _factory;
    private readonly TokenRouting _routing;
    private readonly ControlConnection _control;
    private readonly SchemaAgreement _schema;
    private bool _initialized;
    private int _disposed;
    private AuthenticationException? _refusal;
    private long _retryRefusedAfter;
    private int _refusals;

    public ClusterCore(CassandraOptions options)
    {
        options.Validate();
        Options = options;
        Logger = options.LoggerFactory?.CreateLogger(CassandraLog.Category) ?? NullLogger.Instance;
        Statistics = new Monitoring.StatisticsRecorder(options.StatisticsWindow);
        _factory = new ConnectionFactory(options, Logger);
        Topology = new Topology(options, Logger);
        _routing = new TokenRouting(options, Topology, Logger);
        _control = new ControlConnection(options, _factory, Topology, _routing, Logger);
        _schema = new SchemaAgreement(Topology, () => _control.Connection, options.RequestTimeout, Logger);
        Monitor = new ClusterMonitor(this);
    }

    /// <summary>Every call of every session: counts and latency percentiles (per node ones are on each <see cref="Host"/>).</summary>
    public Monitoring.StatisticsRecorder Statistics { get; }

    /// <summary>The connection monitor (node states, summary, probe, state-change event).</summary>
    public ClusterMonitor Monitor { get; }

    public CassandraOptions Options { get; }

    public ILogger Logger { get; }

    public Topology Topology { get; }

    /// <summary>The protocol version every connection speaks, fixed by the first connection; 0 before.</summary>
    public byte Version => _factory.Version;

    /// <summary>What every connection of the cluster is opened with (the request queues share its capacity signal).</summary>
    public Connections.ConnectionSettings ConnectionSettings => _factory.Settings;

    public IReadOnlyCollection<Host> Hosts => Topology.Hosts;

    public string? ClusterName => Topology.ClusterName;

    /// <summary>The current token map; null before discovery, with routing off, or under a partitioner the client cannot route for.</summary>
    public TokenMap? TokenMap => _routing.Map;

    /// <summary>Schema changes heard of so far (see <see cref="ControlConnection.SchemaGeneration"/>).</summary>
    public long SchemaGeneration => _control.SchemaGeneration;

    /// <summary>This client changed the schema itself: cached result metadata may be stale.</summary>
    public void NoteSchemaChange() => _control.NoteSchemaChange();

    /// <summary>The node the control connection is on (tests).</summary>
    internal Host? ControlHost => _control.Host;

    /// <summary>Whether the control connection is open now.</summary>
    internal bool ControlConnected => _control.Connection is not null;

    public bool IsInitialized => Volatile.Read(ref _initialized);

    /// <summary>Connects the control connection (negotiating the version) and discovers the cluster, once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            if (_refusal is { } refusal && Environment.TickCount64 < _retryRefusedAfter)
            {
                // The cluster refused the credentials a moment ago: say so again without another login to every node.
                throw new AuthenticationException($"{refusal.Message} (not retried for another {(_retryRefusedAfter - Environment.TickCount64) / 1000.0:0.#} s)", refusal) { ErrorCode = refusal.ErrorCode, Host = refusal.Host };
            }

            try
            {
                await _control.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationException ex)
            {
                _refusal = ex;
                _retryRefusedAfter = Environment.TickCount64 + (long)Reconnection.Backoff(++_refusals, Options).TotalMilliseconds;
                throw;
            }

            _refusal = null;
            _refusals = 0;
            if (Topology.CheckLocalDatacenter() is { } strictFailure)
            {
                await _control.CloseAsync().ConfigureAwait(false);
                throw strictFailure;
            }

            Volatile.Write(ref _initialized, true);
            Monitor.StartProbing();
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>The known node a connection name ("address:port", as exceptions carry it) stands for; null when none.</summary>
    public Host? HostOf(string? connectionName)
    {
        if (connectionName is null)
        {
            return null;
        }

        foreach (Host host in Topology.Hosts)
        {
            ReadOnlySpan<char> name = connectionName;
            int colon = name.LastIndexOf(':');
            if (colon > 0 && name[..colon].SequenceEqual(host.Address) && int.TryParse(name[(colon + 1)..], out int port) && port == host.Port)
            {
                return host;
            }
        }

        return null;
    }

    /// <summary>The nodes to try for a request that has no known partition, best first; allocates nothing.</summary>
    public QueryPlan QueryPlan() => Topology.QueryPlan();

    /// <summary>The plan for a statement: its partition's replicas first when the statement's partition is known.</summary>
    public QueryPlan QueryPlan(Statement statement) => Topology.QueryPlan(_routing.Replicas(statement, Version));

    /// <summary>Opens one connection to a node with the negotiated version, bound to a keyspace.</summary>
    public Task<Connection> OpenConnectionAsync(Host host, string? keyspace, CancellationToken cancellationToken) =>
        _factory.OpenAsync(host, keyspace, cancellationToken);

    /// <summary>After a schema change on <paramref name="coordinator"/>, waits until the nodes agree (see <see cref="SchemaAgreement"/>).</summary>
    public Task WaitForSchemaAgreementAsync(Connection coordinator, CancellationToken cancellationToken) =>
        _schema.WaitAsync(coordinator, cancellationToken);

    /// <summary>Re-reads the keyspaces' replication now (token-aware routing in a keyspace this client just changed).</summary>
    public Task RefreshKeyspacesAsync(CancellationToken cancellationToken) => _control.RefreshKeyspacesAsync(cancellationToken);

    /// <summary>Topology refreshes the control connection ran for server events (tests).</summary>
    internal int TopologyRefreshes => _control.TopologyRefreshes;

    /// <summary>On v3: which markers bind the partition key, from the schema (see <see cref="PartitionKeyCache"/>).</summary>
    public Task<IReadOnlyList<int>> PartitionKeyIndexesAsync(ColumnDefinitions variables, CancellationToken cancellationToken) =>
        _control.PartitionKeys.IndexesAsync(variables, cancellationToken);

    /// <summary>Whether the partition key of a table has been looked up and not invalidated since (tests).</summary>
    internal bool HasPartitionKeyOf(string keyspace, string table) => _control.PartitionKeys.Contains(keyspace, table);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Monitor.Stop();
        await _control.DisposeAsync().ConfigureAwait(false);
    }
}
