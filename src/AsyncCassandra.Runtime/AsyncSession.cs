using System.Collections.Concurrent;
using AsyncCassandra.Cluster;

namespace AsyncCassandra;

/// <summary>
/// Runs statements against the cluster: <see cref="ExecuteAsync(Statement, CancellationToken)"/>,
/// <see cref="PrepareAsync"/>, and true async paging with <see cref="StreamAsync"/>. Thread-safe; share one per
/// keyspace across the application. Disposing it closes its connections and leaves the cluster usable.
/// </summary>
public sealed partial class AsyncSession : IAsyncDisposable
{
    private readonly AsyncCluster _cluster;
    private readonly ClusterCore _core;

    /// <summary>The cluster state this session shares (tests inspect routing through it).</summary>
    internal ClusterCore Core => _core;
    private readonly ConcurrentDictionary<Host, HostPool> _pools = new();
    private readonly CancellationTokenSource _disposedCts = new();
    private volatile string? _keyspace;
    private int _disposed;

    internal AsyncSession(AsyncCluster cluster, string? keyspace)
    {
        _cluster = cluster;
        _core = cluster.Core;
        _keyspace = keyspace;
    }

    /// <summary>The cluster the session belongs to.</summary>
    public AsyncCluster Cluster => _cluster;

    /// <summary>The keyspace unqualified table names resolve in; changed by executing <c>USE</c>.</summary>
    public string? Keyspace => _keyspace;

    /// <summary>Connects to the first node of the plan, so that a bad keyspace or unreachable cluster fails at connect.</summary>
    internal async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        foreach (Host host in _core.QueryPlan().ToList())
        {
            try
            {
                await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConnectionException ex)
            {
                errors[host.Endpoint] = ex;
            }
        }

        throw new NoHostAvailableException($"No node accepted a connection: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}"))}", errors);
    }

    private HostPool GetPool(Host host)
    {
        if (_pools.TryGetValue(host, out HostPool? pool))
        {
            return pool;
        }

        var created = new HostPool(host, _core, () => _keyspace);
        pool = _pools.GetOrAdd(host, created);
        if (!ReferenceEquals(pool, created))
        {
            _ = created.DisposeAsync();
        }

        return pool;
    }

    /// <summary>The open connections of this session (tests and health checks).</summary>
    internal IReadOnlyList<Connections.Connection> OpenConnections() =>
        [.. _pools.Values.SelectMany(p => p.Connections).Where(c => !c.IsClosed)];

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session is disposed; open a new one with AsyncCluster.ConnectAsync.");
        }

        if (_draining)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session is shutting down: it refuses new requests while the ones in flight complete.");
        }
    }

    /// <summary>Closes the session's connections; in-flight requests fail. Idempotent; the cluster stays usable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposedCts.Cancel();
        _cluster.Forget(this);
        foreach (HostPool pool in _pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }

        _pools.Clear();
    }
}
