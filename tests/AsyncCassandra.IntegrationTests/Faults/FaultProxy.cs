using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AsyncCassandra.IntegrationTests.Faults;

/// <summary>
/// A loopback TCP proxy between the client and a real node that injects faults on the wire, per connection: latency,
/// a stall (bytes stop flowing, the socket stays open), a drop (FIN), a reset (RST, by linger 0), a cut in the middle of
/// a reply frame, and a corrupted byte of a reply frame. It reads the v3/v4 envelope framing (spec v4 §2: 9-byte
/// header, [int] body length at offset 5) in both directions, so faults land on frame boundaries the test chooses, and
/// it counts request frames by opcode and remembers their bodies (to prove a request was never sent twice).
/// Listens on 127.0.0.1 only.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ProxiedConnection> _connections = [];
    private readonly long[] _requestsByOpcode = new long[256];
    private readonly ConcurrentDictionary<string, int> _bodies = new(StringComparer.Ordinal);
    private readonly Task _accept;
    private readonly SemaphoreSlim _accepted = new(0);

    public FaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        _accept = Task.Run(AcceptAsync);
    }

    public FaultProxy(string host, int port)
        : this(new IPEndPoint(IPAddress.Parse(host), port))
    {
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>"127.0.0.1:port", a contact point.</summary>
    public string ContactPoint => $"127.0.0.1:{Endpoint.Port}";

    /// <summary>Latency added to every chunk forwarded, in each direction, on every connection (read per chunk).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Opcodes whose request bodies are remembered (see <see cref="DuplicateRequests"/>); empty records none.</summary>
    public HashSet<byte> RecordedOpcodes { get; } = [];

    /// <summary>Every connection accepted so far, in order.</summary>
    public IReadOnlyList<ProxiedConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Connections still forwarding (not dropped, reset or cut, and not closed by either side).</summary>
    public IReadOnlyList<ProxiedConnection> OpenConnections => [.. Connections.Where(c => !c.IsClosed)];

    /// <summary>Request frames (client to server) seen with this opcode, over every connection.</summary>
    public long RequestsSent(byte opcode) => Interlocked.Read(ref _requestsByOpcode[opcode]);

    /// <summary>Request bodies of the recorded opcodes seen more than once (the same bound values sent twice).</summary>
    public int DuplicateRequests => _bodies.Count(b => b.Value > 1);

    /// <summary>Distinct request bodies of the recorded opcodes seen.</summary>
    public int DistinctRequests => _bodies.Count;

    /// <summary>Waits for the proxy's <paramref name="count"/>-th connection (1-based) to be accepted.</summary>
    public async Task<ProxiedConnection> WaitForConnectionAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (_connections)
            {
                if (_connections.Count >= count)
                {
                    return _connections[count - 1];
                }
            }

            try
            {
                await _accepted.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The proxy did not accept connection #{count} within {timeout.TotalSeconds:0.#} s (it has {Connections.Count}).");
            }
        }
    }

    internal void CountRequest(byte opcode, ReadOnlySpan<byte> body)
    {
        Interlocked.Increment(ref _requestsByOpcode[opcode]);
        if (RecordedOpcodes.Contains(opcode))
        {
            _bodies.AddOrUpdate($"{opcode}:{Convert.ToHexString(body)}", 1, static (_, n) => n + 1);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync(_stop.Token);
                client.NoDelay = true;
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await server.ConnectAsync(_target, _stop.Token);
                }
                catch (SocketException)
                {
                    // The node is down: the client sees its connection refused as a reset.
                    client.LingerState = new LingerOption(true, 0);
                    client.Dispose();
                    server.Dispose();
                    continue;
                }

                var connection = new ProxiedConnection(this, client, server, _stop.Token);
                lock (_connections)
                {
                    _connections.Add(connection);
                }

                _accepted.Release();
                connection.Start();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        await _accept;
        foreach (ProxiedConnection connection in Connections)
        {
            connection.Drop();
        }

        _stop.Dispose();
    }
}

/// <summary>One client connection through the <see cref="FaultProxy"/> and its faults.</summary>
public sealed class ProxiedConnection
{
    private const int HeaderLength = 9;

    private readonly FaultProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource? _stall;
    private volatile ReplyFault _nextReplyFault;
    private int _corruptOffset;
    private byte _corruptOpcode;
    private int _closedFlag;
    private long _repliesForwarded;
    private long _requestsForwarded;
    private int _heldFrames;

    internal ProxiedConnection(FaultProxy proxy, Socket client, Socket server, CancellationToken stopping)
    {
        _proxy = proxy;
        _client = client;
        _server = server;
        _stopping = stopping;
    }

    private enum ReplyFault
    {
        None,
        CutMidFrame,
        CorruptByte,
    }

    /// <summary>Whether the proxy has stopped forwarding for good (a fault, or either side closed).</summary>
    public bool IsClosed => Volatile.Read(ref _closedFlag) != 0;

    /// <summary>Completes when the connection is closed.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Reply frames forwarded to the client whole.</summary>
    public long RepliesForwarded => Interlocked.Read(ref _repliesForwarded);

    /// <summary>Request frames forwarded to the node.</summary>
    public long RequestsForwarded => Interlocked.Read(ref _requestsForwarded);

    /// <summary>
    /// Frames the proxy holds because of a <see cref="Stall"/> (a request not yet forwarded to the node, or a reply not
    /// yet forwarded to the client): while it is above zero, a request of this connection is certainly in flight.
    /// </summary>
    public int HeldFrames => Volatile.Read(ref _heldFrames);

    /// <summary>Latency added to this connection's chunks, on top of the proxy's.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Stops forwarding in both directions; the sockets stay open and nothing is lost (bytes wait in the proxy).</summary>
    public void Stall() => _stall ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Forwards again what a <see cref="Stall"/> held.</summary>
    public void Resume()
    {
        TaskCompletionSource? stall = _stall;
        _stall = null;
        stall?.TrySetResult();
    }

    /// <summary>Closes both sides gracefully (FIN), as a node that goes away does.</summary>
    public void Drop() => Close(reset: false);

    /// <summary>Resets both sides (RST: linger 0), as a middlebox that forgets the connection does.</summary>
    public void Reset() => Close(reset: true);

    /// <summary>The next reply frame reaches the client only in part (its header and half its body), then the connection closes.</summary>
    public void CutNextReplyMidFrame() => _nextReplyFault = ReplyFault.CutMidFrame;

    /// <summary>
    /// The next reply frame of <paramref name="opcode"/> (0xFF: any) has the byte at <paramref name="offset"/> (from the
    /// frame's first header byte) flipped (XOR 0xFF); the connection keeps forwarding afterwards.
    /// </summary>
    public void CorruptNextReply(int offset, byte opcode = 0xFF)
    {
        _corruptOffset = offset;
        _corruptOpcode = opcode;
        _nextReplyFault = ReplyFault.CorruptByte;
    }

    internal void Start()
    {
        _ = Task.Run(() => PumpAsync(_client, _server, requests: true));
        _ = Task.Run(() => PumpAsync(_server, _client, requests: false));
    }

    private void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closedFlag, 1) != 0)
        {
            return;
        }

        foreach (Socket socket in (Socket[])[_client, _server])
        {
            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }

        Resume();
        _closed.TrySetResult();
    }

    /// <summary>Copies whole frames from one side to the other, applying the faults asked for.</summary>
    private async Task PumpAsync(Socket from, Socket to, bool requests)
    {
        byte[] buffer = new byte[256 * 1024];
        int filled = 0;
        try
        {
            while (!IsClosed)
            {
                int read = await from.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopping);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                int offset = 0;
                while (filled - offset >= HeaderLength)
                {
                    int length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 5, 4));
                    int frameLength = HeaderLength + length;
                    if (length < 0 || frameLength > buffer.Length)
                    {
                        throw new InvalidOperationException($"The proxy cannot frame a {length}-byte body; it handles v3/v4 envelopes up to {buffer.Length} bytes.");
                    }

                    if (filled - offset < frameLength)
                    {
                        break;
                    }

                    Memory<byte> frame = buffer.AsMemory(offset, frameLength);
                    offset += frameLength;
                    await DelayAsync();
                    if (requests)
                    {
                        _proxy.CountRequest(frame.Span[4], frame.Span.Slice(HeaderLength));
                        Interlocked.Increment(ref _requestsForwarded);
                        await to.SendAsync(frame, SocketFlags.None, _stopping);
                        continue;
                    }

                    switch (_nextReplyFault)
                    {
                        case ReplyFault.CutMidFrame when frame.Span[2] != 0xFF:
                            // Not an event (stream -1): a reply someone waits for.
                            _nextReplyFault = ReplyFault.None;
                            await to.SendAsync(frame.Slice(0, HeaderLength + (length / 2)), SocketFlags.None, _stopping);
                            Drop();
                            return;
                        case ReplyFault.CorruptByte when _corruptOpcode == 0xFF || frame.Span[4] == _corruptOpcode:
                            _nextReplyFault = ReplyFault.None;
                            frame.Span[Math.Min(_corruptOffset, frameLength - 1)] ^= 0xFF;
                            break;
                    }

                    Interlocked.Increment(ref _repliesForwarded);
                    await to.SendAsync(frame, SocketFlags.None, _stopping);
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException or InvalidOperationException)
        {
        }

        Drop();
    }

    private async ValueTask DelayAsync()
    {
        while (_stall is { } stall)
        {
            Interlocked.Increment(ref _heldFrames);
            try
            {
                await stall.Task.WaitAsync(_stopping);
            }
            finally
            {
                Interlocked.Decrement(ref _heldFrames);
            }
        }

        TimeSpan latency = _proxy.Latency + Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _stopping);
        }
    }
}
