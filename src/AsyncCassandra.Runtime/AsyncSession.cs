using System.Runtime.CompilerServices;
using AsyncCassandra.Cluster;
using AsyncCassandra.Execution;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

/// <summary>
/// Runs statements against the cluster: <see cref="ExecuteAsync(Statement, CancellationToken)"/>,
/// <see cref="PrepareAsync"/>, and true async paging with <see cref="StreamAsync"/>. Thread-safe; share one per
/// keyspace across the application. Disposing it closes its connections and leaves the cluster usable.
/// </summary>
public sealed class AsyncSession : IAsyncDisposable
{
    private readonly AsyncCluster _cluster;
    private readonly SessionScope _scope;
    private readonly PrepareCache _prepares;
    private readonly RequestExecutor _executor;
    private readonly PagePump _pages;

    internal AsyncSession(AsyncCluster cluster, string? keyspace)
    {
        _cluster = cluster;
        _scope = new SessionScope(cluster.Core, keyspace);
        _prepares = new PrepareCache(_scope);
        _executor = new RequestExecutor(_scope, _prepares);
        _pages = new PagePump(_scope, _executor);
    }

    /// <summary>The cluster the session belongs to.</summary>
    public AsyncCluster Cluster => _cluster;

    /// <summary>The keyspace unqualified table names resolve in; changed by executing <c>USE</c>.</summary>
    public string? Keyspace => _scope.Keyspace;

    /// <summary>The cluster state this session shares (tests inspect routing through it).</summary>
    internal ClusterCore Core => _scope.Cluster;

    /// <summary>PREPARE requests this session sent (tests check that concurrent prepares share one).</summary>
    internal int PrepareRequestsSent => _prepares.RequestsSent;

    /// <summary>Statements prepared again after a node answered UNPREPARED (tests).</summary>
    internal int Reprepared => _prepares.Reprepared;

    /// <summary>Prepared statements in this session's cache (tests).</summary>
    internal int PreparedStatementsCached => _prepares.Count;

    /// <summary>The open connections of this session (tests and health checks).</summary>
    internal IReadOnlyList<Connections.Connection> OpenConnections() => _scope.OpenConnections();

    /// <summary>Connects to the first node that accepts, so that a bad keyspace or unreachable cluster fails at connect.</summary>
    internal Task WarmUpAsync(CancellationToken cancellationToken) => _scope.WarmUpAsync(cancellationToken);

    /// <summary>Runs CQL text with no values.</summary>
    public Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql), cancellationToken);

    /// <summary>Runs CQL text with positional values for its <c>?</c> markers.</summary>
    public Task<RowSet> ExecuteAsync(string cql, object?[]? values, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql, values ?? []), cancellationToken);

    /// <summary>
    /// Runs a statement and returns the first page of its result (an empty <see cref="RowSet"/> for writes).
    /// Retries follow <see cref="CassandraOptions.RetryPolicy"/> and the statement's idempotence; the whole call is
    /// bounded by the statement's <see cref="Statement.Timeout"/> or <see cref="CassandraOptions.RequestTimeout"/>
    /// (<see cref="TimeoutException"/>), and cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public Task<RowSet> ExecuteAsync(Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        return _executor.ExecuteAsync(statement, _executor.Defaults(), statement.Timeout, ResultBuffers.Owned, cancellationToken).AsTask();
    }

    /// <summary>The advanced execution (see <see cref="Advanced.AsyncSessionExtensions.ExecuteValueAsync"/>): pooled state machine, recycled buffers.</summary>
    internal ValueTask<RowSet> ExecuteRecycledAsync(Statement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        return _executor.ExecuteAsync(statement, _executor.Defaults(), statement.Timeout, ResultBuffers.Recycled, cancellationToken);
    }

    /// <summary>
    /// Prepares CQL once per session and keyspace: later calls with the same text return the cached statement, and
    /// concurrent first calls share one PREPARE request. Errors (syntax, unknown table) are not cached. A node that
    /// forgets the statement (it restarted) gets it again, transparently.
    /// </summary>
    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        ThrowIfDisposed();
        return _prepares.PrepareAsync(cql, cancellationToken);
    }

    /// <summary>
    /// Streams every row of a result, page after page, with no thread blocked while a page is fetched: the next page
    /// is requested while the current one is consumed (<see cref="StreamOptions.PrefetchPages"/>). Leaving the
    /// <c>await foreach</c> early cancels what is in flight and releases the pages. An error mid-stream surfaces on the
    /// next row and ends only this stream.
    /// </summary>
    public async IAsyncEnumerable<Row> StreamAsync(Statement statement, StreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RowSet page in Pages(statement, options, ResultBuffers.Owned, cancellationToken).ConfigureAwait(false))
        {
            for (int i = 0; i < page.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return page.RowAt(i);
            }
        }
    }

    /// <summary>Streams a result page by page; see <see cref="StreamAsync"/>.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Row>> StreamPagesAsync(Statement statement, StreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RowSet page in Pages(statement, options, ResultBuffers.Owned, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>The advanced stream of pages (see <see cref="Advanced.AsyncSessionExtensions.StreamRowSetsAsync"/>): recycled buffers.</summary>
    internal IAsyncEnumerable<RowSet> StreamRecycledAsync(Statement statement, StreamOptions? options, CancellationToken cancellationToken) =>
        Pages(statement, options, ResultBuffers.Recycled, cancellationToken);

    private IAsyncEnumerable<RowSet> Pages(Statement statement, StreamOptions? options, ResultBuffers ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        return _pages.StreamAsync(statement, options, ownership, cancellationToken);
    }

    private void ThrowIfDisposed()
    {
        if (_scope.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session is disposed; open a new one with AsyncCluster.ConnectAsync.");
        }

        if (_scope.IsDraining)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session is shutting down: it refuses new requests while the ones in flight complete.");
        }
    }

    /// <summary>Requests of this session that have started and not completed (pages of a running stream included).</summary>
    internal int InFlightRequests => _scope.InFlightRequests;

    /// <summary>Requests of this session waiting in its request queue (for a stream id or MaxConcurrentRequests).</summary>
    internal int QueuedRequests => _scope.Queue.Queued;

    /// <summary>True once <see cref="DrainAsync"/> began: new calls are refused.</summary>
    internal bool IsDraining => _scope.IsDraining;

    /// <summary>Connects the cluster and this session now (a hosted application's start-up) instead of on first use.</summary>
    internal async Task ConnectNowAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _scope.Cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses new calls and waits for the ones in flight (see <see cref="SessionScope.DrainAsync"/>).</summary>
    internal Task<int> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) => _scope.DrainAsync(timeout, cancellationToken);

    /// <summary>Closes the session's connections; in-flight requests fail. Idempotent; the cluster stays usable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_scope.IsDisposed)
        {
            return;
        }

        _cluster.Forget(this);
        await _scope.DisposeAsync().ConfigureAwait(false);
    }
}
