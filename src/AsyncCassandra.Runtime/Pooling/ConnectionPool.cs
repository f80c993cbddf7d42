using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging;

using AsyncCassandra.Cluster;

namespace AsyncCassandra.Pooling;

/// <summary>
/// A session's connections to one node: a few sockets (ConnectionsPerHost), each carrying many requests. A request
/// takes the least busy one. A connection that dies is dropped at once and replaced in the background with
/// exponential backoff; while the node is unreachable, requests fail fast and move to other nodes.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable, IHostConnections
{
    private readonly Host _host;
    private readonly ClusterCore _cluster;
    private readonly Func<string?> _keyspace;
    private readonly int _size;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Connection[] _connections = [];
    private Task? _opening;
    private long _nextAttemptTicks;
    private int _failures;
    private Exception? _lastError;
    private int _failedSinceLastOpen;

    public ConnectionPool(Host host, ClusterCore cluster, Func<string?> keyspace)
    {
        _host = host;
        _cluster = cluster;
        _keyspace = keyspace;
        _size = cluster.Options.ConnectionsPerHost;
        host.CameUp += OnHostCameUp;
        host.Attach(this);
    }

    public Host Host => _host;

    public IReadOnlyList<Connection> Connections => Volatile.Read(ref _connections);

    /// <summary>The least busy open connection, opening connections when there are none.</summary>
    public ValueTask<Connection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        Connection[] connections = Volatile.Read(ref _connections);
        Connection? best = null;
        int bestLoad = int.MaxValue;
        foreach (Connection connection in connections)
        {
            int load = connection.InFlight;
            if (!connection.IsClosed && !connection.IsRetiring && load < bestLoad && load < connection.Capacity)
            {
                best = connection;
                bestLoad = load;
            }
        }

        if (best is not null)
        {
            if (connections.Length < _size && bestLoad > 0)
            {
                _ = EnsureOpenAsync(force: false);
            }

            return new ValueTask<Connection>(best);
        }

        return SlowAsync(cancellationToken);
    }

    private async ValueTask<Connection> SlowAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        Task opening = EnsureOpenAsync(force: false);
        await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (Connection connection in Volatile.Read(ref _connections))
        {
            if (!connection.IsClosed && !connection.IsRetiring && connection.InFlight < connection.Capacity)
            {
                return connection;
            }
        }

        if (Volatile.Read(ref _connections).Any(c => !c.IsClosed && !c.IsRetiring))
        {
            // Open, and every stream id taken (a connection that just closed is not busy: it is gone).
            throw new BusyConnectionException(_host.Endpoint, _cluster.Options.MaxRequestsPerConnection);
        }

        long waitMs = Math.Max(0, Volatile.Read(ref _nextAttemptTicks) - Environment.TickCount64);
        if (_lastError is CassandraException configuration && IsConfigurationError(configuration))
        {
            // The same refusal until the backoff has passed: no new TCP, TLS and login per request.
            throw Repeat(configuration, waitMs);
        }

        throw new ConnectionException($"{_host.Endpoint} is unreachable ({_lastError?.Message ?? "no connection"}); reconnecting in {waitMs / 1000.0:0.#} s.", _lastError) { Host = _host.Endpoint };
    }

    /// <summary>
    /// Brings the pool to its size. Single-flight: concurrent callers share one attempt. Inside the backoff window
    /// after a failure, returns at once (unless forced) so requests fail fast instead of waiting on a dead node.
    /// </summary>
    public Task EnsureOpenAsync(bool force)
    {
        lock (_gate)
        {
            if (_opening is { IsCompleted: false })
            {
                return _opening;
            }

            if (_disposed.IsCancellationRequested || (!force && Environment.TickCount64 < _nextAttemptTicks) || Serving() >= _size)
            {
                return Task.CompletedTask;
            }

            _opening = OpenMissingAsync();
            return _opening;
        }
    }

    private async Task OpenMissingAsync()
    {
        await Task.Yield();
        try
        {
            // At most the connections missing now: one that drops at once must not be replaced by this same loop
            // (its close backs off through OnConnectionClosed).
            int missing = _size - Serving();
            for (int opened = 0; opened < missing && !_disposed.IsCancellationRequested; opened++)
            {
                Connection connection = await _cluster.OpenConnectionAsync(_host, _keyspace(), _disposed.Token).ConfigureAwait(false);
                _host.ResolvedAddress ??= connection.RemoteAddress;
                lock (_gate)
                {
                    if (_disposed.IsCancellationRequested)
                    {
                        _ = connection.DisposeAsync();
                        return;
                    }

                    _connections = [.. _connections, connection];
                }

                _ = connection.Closed.ContinueWith(static (_, state) => { var (pool, c) = ((ConnectionPool, Connection))state!; pool.OnConnectionClosed(c); }, (this, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _ = connection.Retiring.ContinueWith(static (_, state) => { var (pool, c) = ((ConnectionPool, Connection))state!; pool.OnConnectionRetiring(c); }, (this, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                // The failure count is reset only once a connection has lived (see OnConnectionClosed): a node that
                // accepts and drops at once must not be reconnected at once forever.
                _lastError = null;
                int failed = Interlocked.Exchange(ref _failedSinceLastOpen, 0);
                if (failed > 0)
                {
                    CassandraLog.Reconnected(_cluster.Logger, _host.Endpoint, failed);
                }

                _host.MarkUp();
            }
        }
        catch (Exception ex)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _lastError = ex;
            _failures++;
            Interlocked.Increment(ref _failedSinceLastOpen);
            TimeSpan delay = Backoff(_failures);
            Volatile.Write(ref _nextAttemptTicks, Environment.TickCount64 + (long)delay.TotalMilliseconds);
            if (ex is CassandraException configuration && IsConfigurationError(configuration))
            {
                // Bad credentials, an unknown keyspace, no common version: retrying at once will not heal them. The
                // callers get the error, and keep getting it without a new login until the backoff has passed.
                _host.RecordError(ex.Message);
                CassandraLog.ConnectionRefused(_cluster.Logger, _host.Endpoint, ex.Message, Math.Round(delay.TotalSeconds, 1));
                throw;
            }

            CassandraLog.ConnectionFailed(_cluster.Logger, _host.Endpoint, ex.Message, Math.Round(delay.TotalSeconds, 1));
            _host.MarkDown(ex.Message);
            ScheduleReconnect(delay);
        }
    }

    /// <summary>Exponential backoff from ReconnectBaseDelay to ReconnectMaxDelay, with ±15 % jitter so that clients do not reconnect in step.</summary>
    private TimeSpan Backoff(int failures) => Reconnection.Backoff(failures, _cluster.Options);

    private static bool IsConfigurationError(CassandraException error) => error is AuthenticationException or InvalidQueryException or ProtocolVersionException;

    /// <summary>A fresh copy of a refusal for one more caller (exceptions are not shared between concurrent throwers).</summary>
    private CassandraException Repeat(CassandraException error, long waitMs)
    {
        string message = $"{error.Message} (not retried for another {waitMs / 1000.0:0.#} s)";
        return error switch
        {
            AuthenticationException => new AuthenticationException(message, error) { ErrorCode = error.ErrorCode, Host = _host.Endpoint },
            InvalidQueryException => new InvalidQueryException(message, error) { ErrorCode = error.ErrorCode, Host = _host.Endpoint },
            ProtocolVersionException version => new ProtocolVersionException(message, version.ServerVersion, error),
            _ => new ConnectionException(message, error) { Host = _host.Endpoint },
        };
    }

    private void ScheduleReconnect(TimeSpan delay)
    {
        _ = Task.Delay(delay, _disposed.Token).ContinueWith(
            static (t, state) =>
            {
                if (!t.IsCanceled)
                {
                    var (pool, waited) = ((ConnectionPool, TimeSpan))state!;
                    CassandraLog.Reconnecting(pool._cluster.Logger, pool._host.Endpoint, pool._failures + 1, Math.Round(waited.TotalSeconds, 1));
                    pool.EnsureOpenAsync(force: true).Forget();
                }
            },
            (this, delay),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// A connection with too many orphaned stream ids (see <see cref="Connection.IsRetiring"/>) leaves the pool at once
    /// and a replacement opens; it closes by itself once its last answered request is done.
    /// </summary>
    private void OnConnectionRetiring(Connection connection)
    {
        lock (_gate)
        {
            _connections = Array.FindAll(_connections, c => c != connection);
        }

        if (!_disposed.IsCancellationRequested)
        {
            EnsureOpenAsync(force: true).Forget();
        }
    }

    /// <summary>Connections that take requests (a retiring one is being replaced).</summary>
    private int Serving()
    {
        int serving = 0;
        foreach (Connection connection in Volatile.Read(ref _connections))
        {
            serving += connection.IsRetiring ? 0 : 1;
        }

        return serving;
    }

    private void OnConnectionClosed(Connection connection)
    {
        lock (_gate)
        {
            _connections = Array.FindAll(_connections, c => c != connection);
        }

        _ = connection.DisposeAsync();
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        if (connection.IsRetiring)
        {
            // Replaced on purpose (too many orphaned stream ids): no failure of the node.
            EnsureOpenAsync(force: true).Forget();
            return;
        }

        _lastError = connection.CloseReason;
        if (connection.CloseReason is { } reason)
        {
            _host.RecordError(reason.Message);
        }

        if (Environment.TickCount64 - connection.OpenedTicks < Reconnection.HealthyLifetimeMs)
        {
            // Dropped right after opening: that is a failure to connect, and it backs off like one.
            _failures++;
            TimeSpan delay = Backoff(_failures);
            Volatile.Write(ref _nextAttemptTicks, Environment.TickCount64 + (long)delay.TotalMilliseconds);
            CassandraLog.ConnectionDroppedAfterOpening(_cluster.Logger, _host.Endpoint, Environment.TickCount64 - connection.OpenedTicks, connection.CloseReason?.Message, Math.Round(delay.TotalSeconds, 1));
            ScheduleReconnect(delay);
            return;
        }

        // A connection that served a while: reconnect promptly once; failures then back off.
        _failures = 0;
        EnsureOpenAsync(force: true).Forget();
    }

    private void OnHostCameUp(Host host)
    {
        Volatile.Write(ref _nextAttemptTicks, 0);
        EnsureOpenAsync(force: true).Forget();
    }

    public async ValueTask DisposeAsync()
    {
        Connection[] connections;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            connections = _connections;
            _connections = [];
        }

        _host.CameUp -= OnHostCameUp;
        _host.Detach(this);
        foreach (Connection connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
