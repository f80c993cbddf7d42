using System.Collections.Concurrent;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Pooling;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Execution;

/// <summary>
/// What the requests of one session share: the cluster, the session's keyspace (changed by <c>USE</c>), its connection
/// pool per node, and its lifetime (a token that fires on dispose).
/// </summary>
internal sealed class SessionScope : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Host, ConnectionPool> _pools = new();
    private readonly CancellationTokenSource _disposed = new();
    private volatile string? _keyspace;
    private int _disposing;

    public SessionScope(ClusterCore cluster, string? keyspace)
    {
        Cluster = cluster;
        _keyspace = keyspace;
        Queue = new RequestQueue(cluster.Options, cluster.ConnectionSettings.Capacity);
        cluster.Topology.HostRemoved += OnHostRemoved;
    }

    /// <summary>A node left the cluster: its connections and reconnect loop go with it.</summary>
    private void OnHostRemoved(Host host)
    {
        if (_pools.TryRemove(host, out ConnectionPool? pool))
        {
            _ = pool.DisposeAsync().AsTask();
        }
    }

    public ClusterCore Cluster { get; }

    /// <summary>The session's back-pressure: concurrency limit and bounded wait queue.</summary>
    public RequestQueue Queue { get; }

    /// <summary>Whether some open connection of the session has a free stream id (a queued request may try again).</summary>
    public bool HasFreeStreamId()
    {
        foreach (ConnectionPool pool in _pools.Values)
        {
            foreach (Connection connection in pool.Connections)
            {
                if (!connection.IsClosed && connection.InFlight < connection.Capacity)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public CassandraOptions Options => Cluster.Options;

    /// <summary>The keyspace unqualified names resolve in; set when a <c>USE</c> succeeds.</summary>
    public string? Keyspace
    {
        get => _keyspace;
        set => _keyspace = value;
    }

    public bool IsDisposed => Volatile.Read(ref _disposing) != 0;

    /// <summary>Fires when the session is disposed.</summary>
    public CancellationToken DisposedToken => _disposed.Token;

    /// <summary>The session's pool of connections to a node, created on first use.</summary>
    public ConnectionPool Pool(Host host)
    {
        if (_pools.TryGetValue(host, out ConnectionPool? pool))
        {
            return pool;
        }

        // Work that outlives its caller (a shared prepare) must not open a pool that the disposed session never closes.
        if (IsDisposed)
        {
            throw new ObjectDisposedException("AsyncSession", "The session is disposed; open a new one with AsyncCluster.ConnectAsync.");
        }

        var created = new ConnectionPool(host, Cluster, () => _keyspace);
        pool = _pools.GetOrAdd(host, created);
        if (!ReferenceEquals(pool, created))
        {
            _ = created.DisposeAsync();
        }
        else if (IsDisposed && _pools.TryRemove(new KeyValuePair<Host, ConnectionPool>(host, created)))
        {
            // Lost the race with DisposeAsync, which may have closed the pools before this one was added.
            _ = created.DisposeAsync();
            throw new ObjectDisposedException("AsyncSession", "The session is disposed; open a new one with AsyncCluster.ConnectAsync.");
        }

        return pool;
    }

    /// <summary>The open connections of the session (tests and health checks).</summary>
    public IReadOnlyList<Connection> OpenConnections() =>
        [.. _pools.Values.SelectMany(p => p.Connections).Where(c => !c.IsClosed)];

    /// <summary>Connects to the first node of the plan that accepts, so a bad keyspace or an unreachable cluster fails at connect.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var errors = new NodeErrors();
        foreach (Host host in Cluster.QueryPlan().ToList())
        {
            try
            {
                await Pool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConnectionException ex)
            {
                errors.Add(host.Endpoint, ex);
            }
        }

        throw errors.NoHostAvailable("accept a connection");
    }

    // Changed twice by every request from every core: striped (see StripedCounter).
    private readonly StripedCounter _inFlight = new();
    private volatile bool _draining;
    private TaskCompletionSource? _drained;

    /// <summary>Requests of this session that have started and not completed (pages of a running stream included).</summary>
    public int InFlightRequests => (int)_inFlight.Sum();

    /// <summary>True once <see cref="DrainAsync"/> began: new calls are refused.</summary>
    public bool IsDraining => _draining;

    public void EnterRequest() => _inFlight.Increment();

    public void ExitRequest()
    {
        _inFlight.Decrement(); // a full fence: the read of _draining below comes after it
        if (_draining && _inFlight.Sum() == 0)
        {
            // The last request to leave sees every other's decrement (each is fenced before its own sum).
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    /// <summary>
    /// Refuses new calls from now on and waits until the requests in flight complete, or <paramref name="timeout"/>
    /// passes, or <paramref name="cancellationToken"/> fires (a host's graceful shutdown). Returns the number of
    /// requests still in flight when it stopped waiting (0 when all completed).
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        _draining = true;
        Interlocked.MemoryBarrier(); // the flag before the count: a request leaving meanwhile either sees it or is not counted
        if (InFlightRequests == 0)
        {
            return 0;
        }

        try
        {
            await drained.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return InFlightRequests;
    }

    /// <summary>Fires the disposed token and closes every pool; in-flight requests fail. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) != 0)
        {
            return;
        }

        _disposed.Cancel();
        Cluster.Topology.HostRemoved -= OnHostRemoved;
        foreach (ConnectionPool pool in _pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }

        _pools.Clear();
    }
}
