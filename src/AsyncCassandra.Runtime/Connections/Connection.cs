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
internal sealed class Connection : IAsyncDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly PendingRequest?[] _pending;
    private readonly StreamIdPool _streamIds;
    private readonly ConcurrentBag<PendingRequest> _pendingPool = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FrameWriter _writer;
    private readonly FrameReader _reader;
    private Socket? _socket;
    private Stream? _stream;
    private Task? _readLoop;
    private Task? _writeLoop;
    private Heartbeat? _heartbeat;
    private readonly TaskCompletionSource _retiring = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxOrphans;
    private Exception? _closeReason;
    private int _closeStarted;
    private bool _counted;
    private int _orphans;

    private Connection(string host, int port, byte version, ConnectionSettings settings)
    {
        Host = host;
        Port = port;
        Version = version;
        _settings = settings;
        _streamIds = new StreamIdPool(Math.Clamp(settings.MaxRequestsPerConnection, 1, ProtocolVersions.MaxStreams));
        _pending = new PendingRequest?[_streamIds.Capacity];
        _maxOrphans = Math.Max(1, (int)(_streamIds.Capacity * settings.MaxOrphanedRequestShare));
        EndpointName = $"{host}:{port}";
        _writer = new FrameWriter(this);
        _reader = new FrameReader(this, _writer, settings.MaxFrameLength);
    }

    /// <summary>
    /// Opens a connection speaking exactly <paramref name="version"/>: TCP (and TLS), STARTUP, authentication, then
    /// USE keyspace. Throws <see cref="VersionRefusedException"/> when the server refuses the version.
    /// </summary>
    public static async Task<Connection> OpenAsync(string host, int port, byte version, string? keyspace, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var connection = new Connection(host, port, version, settings);
        try
        {
            await connection.ConnectAsync(keyspace, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ConnectAsync(string? keyspace, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ConnectTimeout);
        (_socket, _stream, RemoteAddress) = await SocketConnector.ConnectAsync(Host, Port, EndpointName, _settings, timeout.Token, cancellationToken, () => IsClosed).ConfigureAwait(false);
        Stream stream = _stream;
        CancellationToken closing = _closing.Token;
        // v4 §5: once STARTUP has asked for LZ4, even its reply may come compressed. v5 §2.3.1: segments are
        // compressed from READY or AUTHENTICATE on (the reader switches both directions when that reply arrives).
        bool lz4 = _settings.Compression == CompressionAlgorithm.Lz4;
        _reader.CompressedBodies = lz4 && Version < 5;
        _reader.Lz4Segments = lz4 && Version >= 5;
        _readLoop = stream is PollingSocketStream polling
            ? _reader.RunOnOwnThread(polling, closing)
            : Task.Run(() => _reader.RunAsync(stream, closing), CancellationToken.None);
        _writeLoop = Task.Run(() => _writer.RunAsync(stream, closing), CancellationToken.None);
        await Handshake.StartupAsync(this, _settings, timeout.Token, cancellationToken).ConfigureAwait(false);
        _reader.EndNegotiation();
        if (lz4 && Version < 5)
        {
            _writer.CompressBodies = true;
        }

        if (keyspace is not null)
        {
            await UseKeyspaceAsync(keyspace, timeout.Token).ConfigureAwait(false);
        }

        _heartbeat = new Heartbeat(this, _reader, _writer, _settings);
        OpenedTicks = Environment.TickCount64;
        CassandraLog.ConnectionOpened(_settings.Logger, EndpointName, Version);
        ResourceCounters.ConnectionOpened();
        _counted = true;
    }

    public string Host { get; }

    public int Port { get; }

    public string EndpointName { get; }

    /// <summary>The IP address the socket reached (IPv4-mapped IPv6 addresses as IPv4), once connected.</summary>
    public System.Net.IPAddress? RemoteAddress { get; private set; }

    /// <summary>When the connection finished opening (Environment.TickCount64).</summary>
    public long OpenedTicks { get; private set; }

    /// <summary>Heartbeats (OPTIONS on an idle connection) sent so far.</summary>
    public int HeartbeatsSent => _heartbeat?.Sent ?? 0;

    /// <summary>The connection reads and writes on a thread of its own (<see cref="PollingSocketStream"/>).</summary>
    public bool HasOwnIoThread => _stream is PollingSocketStream;

    /// <summary>Socket writes made on the caller's or the I/O thread, and rounds of the writer loop (tests, diagnostics).</summary>
    public (int Inline, int Loop) Writes => (_writer.InlineWrites, _writer.LoopWrites);

    /// <summary>Times a new thread took the reading over from an I/O thread stuck in a batch of replies.</summary>
    public int ReaderTakeOvers => _reader.TakeOvers;

    /// <summary>READY or AUTHENTICATE arrived: the server accepted <see cref="Version"/> (a later close is no refusal of it).</summary>
    public bool VersionAccepted => _reader.VersionAccepted;

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

    /// <summary>Stream ids held by requests whose caller left (timed out or cancelled) and whose reply has not come.</summary>
    public int Orphaned => Volatile.Read(ref _orphans);

    /// <summary>
    /// Too many orphaned stream ids (more than <see cref="ConnectionSettings.MaxOrphanedRequestShare"/> of them): the
    /// connection takes no new requests, its pool opens a replacement, and it closes once only orphans are left.
    /// </summary>
    public bool IsRetiring => _retiring.Task.IsCompleted;

    /// <summary>Completes when the connection starts retiring (see <see cref="IsRetiring"/>).</summary>
    public Task Retiring => _retiring.Task;

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
    public ValueTask<ResponseFrame> SendAsync<TRequest>(in TRequest request, long deadlineTicks, CancellationToken cancellationToken, HeaderFlags flags = HeaderFlags.None, bool keepsResult = false)
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
        pending.Start(streamId, deadlineTicks, cancellationToken, keepsResult);
        Volatile.Write(ref _pending[streamId], pending);
        try
        {
            _writer.Enqueue(request, streamId, flags);
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

    /// <summary>Expires requests past their deadline (the heartbeat's timer calls this every <see cref="Heartbeat.IntervalMs"/>).</summary>
    public void SweepTimeouts()
    {
        if (_streamIds.InUse == 0)
        {
            CloseIfOnlyOrphansLeft();
            return;
        }

        long now = Environment.TickCount64;
        PendingRequest?[] pending = _pending;
        for (int i = 0; i < pending.Length; i++)
        {
            PendingRequest? request = Volatile.Read(ref pending[i]);
            if (request is not null)
            {
                long generation = request.Generation;
                if (!ExpireIfDue(request, generation, now) && request.IsCompleted && request.DeadlineTicks <= now)
                {
                    // Cancelled, and still unanswered at its deadline: an orphan.
                    request.OrphanIfOverdue(generation);
                }
            }
        }

        CloseIfOnlyOrphansLeft();
    }

    /// <summary>
    /// Expires the use <paramref name="generation"/> of a request when its deadline has passed. The request object may be
    /// completed, recycled and started again for another request between the sweep reading it and this call: the
    /// generation (read before the deadline) keeps the sweep from expiring that other request.
    /// </summary>
    internal static bool ExpireIfDue(PendingRequest request, long generation, long now) =>
        request.DeadlineTicks <= now && !request.IsCompleted && request.Expire(generation);

    /// <summary>
    /// A request's stream id is orphaned: its caller left (timed out, or cancelled and still unanswered at its deadline)
    /// and the id stays reserved for a reply that may never come. PendingRequest counts each use once.
    /// </summary>
    internal void OnOrphaned()
    {
        int orphans = Interlocked.Increment(ref _orphans);
        if (orphans > _maxOrphans && !IsClosed && _retiring.TrySetResult())
        {
            // Like the Java driver's max-orphan-requests: the ids come back only with replies that may never come, so a
            // fresh connection replaces this one; requests still waiting here finish first.
            CassandraDiagnostics.ConnectionsReplaced.Add(1);
            _settings.Logger.LogWarning("{Orphans} of the {Capacity} stream ids of the connection to {Endpoint} are held by requests that timed out or were cancelled and never got a reply; replacing the connection (CassandraOptions.MaxOrphanedRequestShare = {Share})", orphans, _streamIds.Capacity, EndpointName, _settings.MaxOrphanedRequestShare);
            CloseIfOnlyOrphansLeft();
        }
    }

    /// <summary>An orphaned request's stream id was released (its late reply came, or the connection closed).</summary>
    internal void OnOrphanReleased() => Interlocked.Decrement(ref _orphans);

    private void CloseIfOnlyOrphansLeft()
    {
        if (IsRetiring && !IsClosed && _streamIds.InUse <= Volatile.Read(ref _orphans))
        {
            Close(new ConnectionException($"The connection to {EndpointName} was replaced: {Orphaned} of its {_streamIds.Capacity} stream ids were held by requests that never got a reply.") { Host = EndpointName });
        }
    }

    /// <summary>The request a reply on <paramref name="streamId"/> completes (its id is freed); null for a stray reply.</summary>
    /// <summary>Whether the request waiting on a stream keeps its result (see <see cref="PendingRequest.KeepsResult"/>); false when none waits.</summary>
    public bool KeepsResult(short streamId) =>
        (uint)streamId < (uint)_pending.Length && Volatile.Read(ref _pending[streamId]) is { KeepsResult: true };

    public PendingRequest? TakeReply(short streamId)
    {
        if (streamId >= _pending.Length || Volatile.Read(ref _pending[streamId]) is null)
        {
            CassandraLog.StrayReply(_settings.Logger, streamId, EndpointName);
            return null;
        }

        return TakePending(streamId);
    }

    /// <summary>A server event (stream -1): decoded and handed to <see cref="EventReceived"/> on the thread pool.</summary>
    public void OnEvent(ResponseFrame frame)
    {
        Action<EventResponse>? handler = EventReceived;
        if (handler is null || frame.Header.Opcode != Opcode.Event)
        {
            frame.Release();
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            state =>
            {
                try
                {
                    state.handler(state.self.Decode(state.frame, null, ResultBuffers.Owned).Event);
                }
                catch (Exception ex)
                {
                    CassandraLog.ServerEventFailed(state.self._settings.Logger, state.self.EndpointName, ex);
                }
            },
            (frame, handler, self: this),
            preferLocal: false);
    }

    /// <summary>The I/O thread was stuck in one batch of replies and another thread took the reading over.</summary>
    internal void OnIoThreadTakenOver(TimeSpan elapsed) => CassandraLog.IoThreadTakenOver(_settings.Logger, EndpointName, elapsed.TotalMilliseconds);

    /// <summary>A batch of this connection's replies has been completed: send what their continuations queued.</summary>
    internal void EndCompletionBatch() => _writer.EndCompletionBatch();

    /// <summary>Sends a request and decodes its reply (control traffic); an ERROR reply is thrown as its typed exception.</summary>
    public async Task<Response> RequestAsync(IRequest request, CancellationToken token)
    {
        ResponseFrame frame = await SendAsync(request, token).ConfigureAwait(false);
        Response response = Decode(frame, null, ResultBuffers.Owned);
        return response.IsError ? throw ServerErrors.ToException(response.Error, EndpointName) : response;
    }

    /// <summary>Decodes a reply of this connection; a malformed one is a <see cref="ProtocolException"/> naming the node.</summary>
    public Response Decode(in ResponseFrame frame, ColumnDefinitions? knownResultColumns, ResultBuffers ownership)
    {
        try
        {
            return ResponseReader.Read(frame, Version, knownResultColumns, ownership);
        }
        catch (ProtocolException ex) when (ex.Host is null && ex is not StaleResultMetadataException)
        {
            throw new ProtocolException($"{EndpointName}: {ex.Message}", ex) { Host = EndpointName };
        }
    }

    /// <summary>Switches the keyspace of this connection (USE), as the session asks.</summary>
    public Task SetKeyspaceAsync(string keyspace, CancellationToken token) =>
        string.Equals(Keyspace, keyspace, StringComparison.Ordinal) ? Task.CompletedTask : UseKeyspaceAsync(keyspace, token);

    private async Task UseKeyspaceAsync(string keyspace, CancellationToken token)
    {
        Response result = await RequestAsync(new QueryRequest("USE " + CqlIdentifier.Quote(keyspace), new QueryParameters { Consistency = ConsistencyLevel.One }), token).ConfigureAwait(false);
        if (result.ResultKind == ResultKind.SetKeyspace)
        {
            Keyspace = result.Keyspace;
        }
    }

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
            pending.ReleaseSlot();
            if (IsRetiring)
            {
                CloseIfOnlyOrphansLeft();
            }
            _settings.Capacity.Pulse();
        }

        return pending;
    }

    public ConnectionException ClosedException() =>
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
        _writer.Wake(); // the writer loop sees IsClosed and ends
        if (_counted)
        {
            ResourceCounters.ConnectionClosed();
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
        if (_reader.Negotiating)
        {
            CassandraLog.ConnectionClosedDuringHandshake(logger, EndpointName, reason.Message);
        }
        else if (reason is CassandraException or IOException or SocketException or TimeoutException)
        {
            CassandraLog.ConnectionClosed(logger, EndpointName, reason.Message);
        }
        else
        {
            CassandraLog.ConnectionClosedByError(logger, EndpointName, reason);
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
        _writer.Release();
    }
}

/// <summary>Every stream id of a connection is taken; the request should go to another connection.</summary>
internal sealed class BusyConnectionException(string endpoint, int capacity)
    : CassandraException($"All {capacity} stream ids of the connection to {endpoint} are in use. Raise CassandraOptions.MaxRequestsPerConnection or ConnectionsPerHost.")
{
}
