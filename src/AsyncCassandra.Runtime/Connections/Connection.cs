using System.Collections.Concurrent;
using System.Net.Sockets;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Connections;

/// <summary>
/// One socket to one node, carrying many concurrent requests: each takes a stream id, its frame goes through a single
/// writer loop that coalesces frames into few socket writes, and a single reader loop hands each reply to the request
/// of its stream id. When the socket dies, every in-flight request fails at once with a <see cref="ConnectionException"/>.
/// </summary>
internal sealed partial class Connection : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly PendingRequest?[] _pending;
    private readonly StreamIdPool _streamIds;
    private readonly ConcurrentBag<PendingRequest> _pendingPool = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private Stream? _stream;
    private Task? _readLoop;
    private Task? _writeLoop;
    private Timer? _heartbeat;
    private Exception? _closeReason;
    private int _closeStarted;
    private long _lastReadTicks;

    private Connection(string host, int port, byte version, ConnectionSettings settings)
    {
        Host = host;
        Port = port;
        Version = version;
        _settings = settings;
        _streamIds = new StreamIdPool(Math.Clamp(settings.MaxRequestsPerConnection, 1, ProtocolVersions.MaxStreams));
        _pending = new PendingRequest?[_streamIds.Capacity];
        EndpointName = $"{host}:{port}";
    }

    public string Host { get; }

    public int Port { get; }

    public string EndpointName { get; }

    /// <summary>The IP address the socket reached (IPv4-mapped IPv6 addresses as IPv4), once connected.</summary>
    public System.Net.IPAddress? RemoteAddress { get; private set; }

    /// <summary>The negotiated protocol version.</summary>
    public byte Version { get; }

    /// <summary>The keyspace the connection is bound to by USE, if any.</summary>
    public string? Keyspace { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closeStarted) != 0;

    /// <summary>Why the connection closed, when it did.</summary>
    public Exception? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Requests waiting for a reply (including cancelled ones whose reply has not come).</summary>
    public int InFlight => _streamIds.InUse;

    public int Capacity => _streamIds.Capacity;

    /// <summary>Completes when the connection has closed, for any reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Server events (TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE) after REGISTER; raised on the thread pool.</summary>
    public event Action<EventResponse>? EventReceived;

    /// <summary>
    /// Sends a request and waits for its reply frame. Throws <see cref="ConnectionException"/> when the connection is
    /// closed or closes before the reply; <see cref="OperationCanceledException"/> when the token fires (the stream id
    /// stays reserved until the late reply arrives, so it is never confused with another request's).
    /// </summary>
    public ValueTask<ResponseFrame> SendAsync<TRequest>(in TRequest request, CancellationToken cancellationToken, HeaderFlags flags = HeaderFlags.None)
        where TRequest : IRequest =>
        SendAsync(request, long.MaxValue, cancellationToken, flags);

    /// <summary>
    /// Sends a request that must be answered by <paramref name="deadlineTicks"/> (Environment.TickCount64): past it the
    /// caller gets <see cref="RequestTimedOutException"/> from the connection's sweep, with no timer per request.
    /// Generic over the request so that struct requests are not boxed.
    /// </summary>
    public ValueTask<ResponseFrame> SendAsync<TRequest>(in TRequest request, long deadlineTicks, CancellationToken cancellationToken, HeaderFlags flags = HeaderFlags.None)
        where TRequest : IRequest
    {
        if (IsClosed)
        {
            return ValueTask.FromException<ResponseFrame>(ClosedException());
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ResponseFrame>(cancellationToken);
        }

        if (!_streamIds.TryAcquire(out short streamId))
        {
            return ValueTask.FromException<ResponseFrame>(new BusyConnectionException(EndpointName, _streamIds.Capacity));
        }

        if (!_pendingPool.TryTake(out PendingRequest? pending))
        {
            pending = new PendingRequest(this);
        }

        // Registered before the frame can leave: a fast reply must find its request.
        pending.Start(streamId, deadlineTicks, cancellationToken);
        Volatile.Write(ref _pending[streamId], pending);
        try
        {
            Enqueue(request, streamId, flags);
        }
        catch (Exception ex)
        {
            // Not sent (a value that cannot be encoded, or the connection closed): the caller gets the error.
            CompleteStream(streamId, null, ex);
            return pending.Task;
        }

        if (IsClosed)
        {
            // Lost the race with Close: make sure this request does not wait forever.
            CompleteStream(streamId, null, ClosedException());
        }

        return pending.Task;
    }

    internal void ReturnPending(PendingRequest pending) => _pendingPool.Add(pending);

    /// <summary>Expires requests past their deadline. Runs every <see cref="SweepIntervalMs"/> on the connection's timer.</summary>
    private void SweepTimeouts()
    {
        if (_streamIds.InUse == 0)
        {
            return;
        }

        long now = Environment.TickCount64;
        PendingRequest?[] pending = _pending;
        for (int i = 0; i < pending.Length; i++)
        {
            PendingRequest? request = Volatile.Read(ref pending[i]);
            if (request is not null && request.DeadlineTicks <= now && !request.IsCompleted)
            {
                request.Expire();
            }
        }
    }

    /// <summary>How often timeouts are checked: a request times out at most this much after its deadline.</summary>
    internal const int SweepIntervalMs = 20;

    /// <summary>Hands a reply (or a failure) to the request of a stream and frees the stream id.</summary>
    private void CompleteStream(short streamId, ResponseFrame? frame, Exception? error)
    {
        if (TakePending(streamId) is not { } pending)
        {
            frame?.Release();
            return;
        }

        if (frame is { } f)
        {
            // Replies from the reader loop are batched (see Dispatch); this path is for direct completions.
            pending.Complete(f);
        }
        else
        {
            pending.Fail(error!);
        }
    }

    /// <summary>Takes the request waiting on a stream (if any) and frees the stream id for reuse.</summary>
    private PendingRequest? TakePending(short streamId)
    {
        PendingRequest? pending = Interlocked.Exchange(ref _pending[streamId], null);
        if (pending is not null)
        {
            _streamIds.Release(streamId);
        }

        return pending;
    }

    private ConnectionException ClosedException() =>
        new($"The connection to {EndpointName} is closed{(CloseReason is { } reason ? ": " + reason.Message : ".")}", CloseReason) { Host = EndpointName };

    /// <summary>Closes the socket and fails every in-flight request with one clear error.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason ?? new ObjectDisposedException(nameof(Connection), "The connection was closed by the client."));
        if (reason is not null)
        {
            LogClose(reason);
        }

        _heartbeat?.Dispose();
        _writeSignal.Set(); // the writer loop sees IsClosed and ends
        if (_counted)
        {
            CassandraDiagnostics.Connections.Add(-1);
        }

        _closing.Cancel();
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream?.Dispose();
        _socket?.Dispose();
        int failed = 0;
        for (int i = 0; i < _pending.Length; i++)
        {
            if (Volatile.Read(ref _pending[i]) is not null)
            {
                failed++;
            }
        }

        ConnectionException error = new(
            $"The connection to {EndpointName} closed with {failed} request(s) in flight: {CloseReason!.Message}" +
            " Requests marked idempotent are retried on another connection; others may or may not have been applied.",
            CloseReason) { Host = EndpointName };
        for (int i = 0; i < _pending.Length; i++)
        {
            if (Volatile.Read(ref _pending[i]) is not null)
            {
                CompleteStream((short)i, null, error);
            }
        }

        _closed.TrySetResult();
    }

    /// <summary>
    /// A connection that ends during the handshake is the opener's to report (a refused version is normal negotiation):
    /// Debug. Afterwards a lost socket is a Warning with its reason; only an unexpected error carries its stack trace.
    /// </summary>
    private void LogClose(Exception reason)
    {
        ILogger logger = _settings.Logger;
        if (_negotiating)
        {
            logger.LogDebug("Connection to {Endpoint} closed during the handshake: {Reason}", EndpointName, reason.Message);
        }
        else if (reason is CassandraException or IOException or SocketException or TimeoutException)
        {
            logger.LogWarning("Connection to {Endpoint} closed: {Reason}", EndpointName, reason.Message);
        }
        else
        {
            logger.LogWarning(reason, "Connection to {Endpoint} closed by an unexpected error", EndpointName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        try
        {
            if (_readLoop is not null)
            {
                await _readLoop.ConfigureAwait(false);
            }

            if (_writeLoop is not null)
            {
                await _writeLoop.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Closing aborts the loops; their errors are already reported through CloseReason.
        }

        _closing.Dispose();
        lock (_writeLock)
        {
            _outgoing.Dispose();
            _flushing.Dispose();
        }

    }
}

/// <summary>Every stream id of a connection is taken; the request should go to another connection.</summary>
internal sealed class BusyConnectionException(string endpoint, int capacity)
    : CassandraException($"All {capacity} stream ids of the connection to {endpoint} are in use. Raise CassandraOptions.MaxRequestsPerConnection or ConnectionsPerHost.")
{
}
