using AsyncCassandra.Cluster;
using AsyncCassandra.Metadata;

namespace AsyncCassandra;

/// <summary>
/// A Cassandra cluster: where it is and how to talk to it. Create one per cluster for the life of the application,
/// and open sessions from it. The first <see cref="ConnectAsync(CancellationToken)"/> connects and discovers the nodes.
/// </summary>
public sealed class AsyncCluster : IAsyncDisposable
{
    private readonly ClusterCore _core;
    private readonly List<AsyncSession> _sessions = [];
    private int _disposed;

    /// <summary>Creates the cluster from options; nothing connects until <see cref="ConnectAsync(CancellationToken)"/>.</summary>
    public AsyncCluster(CassandraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _core = new ClusterCore(options);
    }

    /// <summary>The options the cluster was created with.</summary>
    public CassandraOptions Options => _core.Options;

    /// <summary>The native protocol version in use, once connected (3, 4 or 5); 0 before.</summary>
    public int ProtocolVersion => _core.Version;

    /// <summary>The cluster's name, once connected.</summary>
    public string? Name => _core.ClusterName;

    /// <summary>The addresses ("host:port") of the nodes known, once connected.</summary>
    public IReadOnlyList<string> Nodes => [.. _core.Hosts.Select(h => h.Endpoint)];

    /// <summary>The partitioner, the token ring with each range's replicas, and tables' columns (see <see cref="ClusterMetadata"/>).</summary>
    public ClusterMetadata Metadata => _metadata ??= new ClusterMetadata(this);

    private ClusterMetadata? _metadata;

    /// <summary>
    /// The connection monitor: every node's state, data centre, rack, version, connections, requests in flight, probe
    /// latency and last error; a one-call summary; in-memory request statistics; the node state-change event; and the
    /// probe (periodic with <see cref="CassandraOptions.HostProbeInterval"/>). See <see cref="ClusterMonitor"/>.
    /// </summary>
    public ClusterMonitor Monitor => _core.Monitor;

    internal ClusterCore Core => _core;

    /// <summary>Opens a session in the default keyspace (<see cref="CassandraOptions.Keyspace"/>, or none).</summary>
    public Task<AsyncSession> ConnectAsync(CancellationToken cancellationToken = default) => ConnectAsync(_core.Options.Keyspace, cancellationToken);

    /// <summary>
    /// Opens a session bound to a keyspace (null for none). Connects to the cluster first if needed. An unknown
    /// keyspace fails here with <see cref="InvalidQueryException"/>; no reachable node with <see cref="NoHostAvailableException"/>.
    /// </summary>
    public async Task<AsyncSession> ConnectAsync(string? keyspace, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _core.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var session = new AsyncSession(this, keyspace);
        try
        {
            await session.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        lock (_sessions)
        {
            if (_disposed != 0)
            {
                _ = session.DisposeAsync();
                throw new ObjectDisposedException(nameof(AsyncCluster));
            }

            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>
    /// Creates a session that connects on first use instead of now (for dependency injection, where construction
    /// cannot wait). Connection problems surface from the first request rather than from here.
    /// </summary>
    public AsyncSession CreateSession(string? keyspace = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = new AsyncSession(this, keyspace ?? _core.Options.Keyspace);
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    internal void Forget(AsyncSession session)
    {
        lock (_sessions)
        {
            _sessions.Remove(session);
        }
    }

    /// <summary>Closes every session and connection. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AsyncSession[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
            _sessions.Clear();
        }

        foreach (AsyncSession session in sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        await _core.DisposeAsync().ConfigureAwait(false);
    }
}
