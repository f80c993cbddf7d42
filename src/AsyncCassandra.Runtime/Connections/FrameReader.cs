using System.Buffers;
using System.Diagnostics;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Connections;

/// <summary>
/// The read side of a connection: one loop reads the socket, cuts the bytes into frames (v3/v4 envelopes, or v5
/// CRC-checked segments carrying envelopes), and hands each reply to the request of its stream id. The replies of one
/// read are completed together by one thread-pool work item (<see cref="CompletionBatch"/>), never on this loop; on a
/// connection with its own I/O thread (<see cref="PollingSocketStream"/>) the loop runs on that thread and completes
/// them itself, between two reads, handing the reading over to a new thread when a batch runs too long
/// (<see cref="TakeOverStalledBatch"/>).
/// </summary>
internal sealed class FrameReader
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>A batch of replies completed on the I/O thread that runs longer than this hands the reading to a new thread.</summary>
    internal static readonly TimeSpan StallLimit = TimeSpan.FromMilliseconds(50);

    private readonly Connection _connection;
    private readonly FrameWriter _writer;

    /// <summary>The largest frame body accepted (CassandraOptions.MaxFrameLength; the spec's 256 MiB by default).</summary>
    private readonly int _maxBodyLength;

    /// <summary>While set, the first reply may carry another version: the server answering a version it refuses.</summary>
    private volatile bool _negotiating = true;

    /// <summary>v5: set when READY/AUTHENTICATE arrives; from then on both directions use segments (v5 §2.3).</summary>
    private volatile bool _segmentsIn;

    /// <summary>READY or AUTHENTICATE arrived: the server speaks the version asked for.</summary>
    private volatile bool _versionAccepted;

    private byte[] _readBuffer = [];
    private int _readStart;
    private int _readEnd;
    private long _lastReadTicks = Environment.TickCount64;

    /// <summary>Replies parsed from the reads so far, completed by one work item when the loop next waits.</summary>
    private CompletionBatch? _batch;

    /// <summary>v5 segments being reassembled; kept here so that a thread taking over the reading goes on with it.</summary>
    private SegmentAssembler? _assembler;

    /// <summary>I/O thread mode: when the batch being completed on the I/O thread started (Stopwatch ticks), 0 when none is.</summary>
    private long _batchStarted;

    private PollingSocketStream? _ownStream;
    private CancellationToken _ownToken;
    private TaskCompletionSource? _ownDone;
    private int _takeOvers;

    public FrameReader(Connection connection, FrameWriter writer, int maxBodyLength)
    {
        _connection = connection;
        _writer = writer;
        _maxBodyLength = maxBodyLength;
    }

    /// <summary>Whether the handshake is still running (replies may then name another version).</summary>
    public bool Negotiating => _negotiating;

    /// <summary>READY or AUTHENTICATE arrived: the server accepted the version of the STARTUP.</summary>
    public bool VersionAccepted => _versionAccepted;

    /// <summary>v3/v4 with LZ4 asked for in STARTUP: bodies flagged as compressed are accepted (v4 §5), from the reply to STARTUP on.</summary>
    public bool CompressedBodies { get; set; }

    /// <summary>v5 with LZ4 negotiated: segments arrive compressed (v5 §2.2).</summary>
    public bool CompressSegments { get; private set; }

    /// <summary>
    /// v5 with LZ4 asked for in STARTUP: segments in both directions are compressed from READY or AUTHENTICATE on
    /// (v5 §2.3.1), so that the AUTH_RESPONSE of a login already leaves in an LZ4 segment.
    /// </summary>
    public bool Lz4Segments { get; set; }

    /// <summary>When bytes last arrived (Environment.TickCount64): the heartbeat probes only idle connections.</summary>
    public long LastReadTicks => Volatile.Read(ref _lastReadTicks);

    /// <summary>The handshake is over: replies must now be in the negotiated version.</summary>
    public void EndNegotiation() => _negotiating = false;

    private int Buffered => _readEnd - _readStart;

    private string EndpointName => _connection.EndpointName;

    /// <summary>Times the reading moved to a new thread because a batch of replies ran past <see cref="StallLimit"/>.</summary>
    public int TakeOvers => Volatile.Read(ref _takeOvers);

    /// <summary>Reads on thread-pool threads, awaiting the socket; replies are completed by queued batches.</summary>
    public Task RunAsync(Stream stream, CancellationToken token) => RunLoopAsync(stream, token, ownThread: false, resume: false);

    /// <summary>
    /// Reads on a thread of the connection's own (every read blocks in poll(2) there) and completes each read's replies
    /// on it. The task ends when the reading ends, on whichever thread is reading by then.
    /// </summary>
    public Task RunOnOwnThread(PollingSocketStream stream, CancellationToken token)
    {
        _ownStream = stream;
        _ownToken = token;
        _ownDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartOwnThread(resume: false);
        return _ownDone.Task;
    }

    /// <summary>
    /// Called by the connection's timer: when the I/O thread has been completing one batch of replies for longer than
    /// <see cref="StallLimit"/> (a continuation blocks, or computes), a new thread takes over the reading, so that the
    /// replies that continuation may be waiting for still arrive. The old thread ends when its batch does.
    /// </summary>
    public void TakeOverStalledBatch()
    {
        long started = Volatile.Read(ref _batchStarted);
        if (started == 0 || _connection.IsClosed)
        {
            return;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > StallLimit && Interlocked.CompareExchange(ref _batchStarted, 0, started) == started)
        {
            Interlocked.Increment(ref _takeOvers);
            _connection.OnIoThreadTakenOver(elapsed);
            StartOwnThread(resume: true);
        }
    }

    private void StartOwnThread(bool resume)
    {
        var thread = new Thread(static state =>
        {
            var (reader, resume) = ((FrameReader, bool))state!;
            _ = reader.RunLoopAsync(reader._ownStream!, reader._ownToken, ownThread: true, resume);
        })
        { IsBackground = true, Name = "AsyncCassandra I/O" };
        thread.UnsafeStart((this, resume));
    }

    /// <summary>Completes a batch on the I/O thread; false when another thread took the reading over meanwhile.</summary>
    private bool CompleteHere(CompletionBatch batch)
    {
        long started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _batchStarted, started);
        batch.Execute();
        return Interlocked.CompareExchange(ref _batchStarted, 0, started) == started;
    }

    private async Task RunLoopAsync(Stream stream, CancellationToken token, bool ownThread, bool resume)
    {
        if (!resume)
        {
            _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        }

        bool handedOver = false;
        bool dispatch = !resume;
        try
        {
            while (true)
            {
                if (dispatch)
                {
                    if (_segmentsIn)
                    {
                        _assembler ??= new SegmentAssembler(_maxBodyLength);
                        DispatchSegments(_assembler);
                    }
                    else
                    {
                        await DispatchEnvelopesAsync(stream, token).ConfigureAwait(false);
                        if (_segmentsIn)
                        {
                            // READY switched the connection to v5 segments; what is buffered is already framed.
                            continue;
                        }
                    }
                }

                dispatch = true;
                if (ownThread)
                {
                    if (_batch is { } batch)
                    {
                        _batch = null;
                        if (!CompleteHere(batch))
                        {
                            handedOver = true;
                            return;
                        }
                    }
                }
                else
                {
                    FlushCompletions();
                }

                await FillAsync(stream, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!_connection.IsClosed || ex is not OperationCanceledException)
        {
            _connection.Close(ex is IOException or System.Net.Sockets.SocketException ? new ConnectionException($"Reading from {EndpointName} failed: {ex.Message}", ex) { Host = EndpointName } : ex);
        }
        catch (OperationCanceledException)
        {
            // Closed by the client.
        }
        finally
        {
            if (!handedOver)
            {
                FlushCompletions();
                _assembler?.Dispose();
                ArrayPool<byte>.Shared.Return(_readBuffer);
                _readBuffer = [];
                if (ownThread)
                {
                    _ownDone!.TrySetResult();
                }
            }
        }
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when a unit needs more room) and reads more.</summary>
    private async ValueTask FillAsync(Stream stream, CancellationToken token)
    {
        if (_readStart > 0)
        {
            _readBuffer.AsSpan(_readStart, Buffered).CopyTo(_readBuffer);
            _readEnd -= _readStart;
            _readStart = 0;
        }

        if (_readEnd == _readBuffer.Length)
        {
            // A v5 segment (up to 128 KiB + 12 bytes) can be larger than the buffer.
            byte[] bigger = ArrayPool<byte>.Shared.Rent(_readBuffer.Length * 2);
            _readBuffer.AsSpan(0, _readEnd).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = bigger;
        }

        int read = await stream.ReadAsync(_readBuffer.AsMemory(_readEnd), token).ConfigureAwait(false);
        if (read == 0)
        {
            throw new ConnectionException($"{EndpointName} closed the connection.") { Host = EndpointName };
        }

        _readEnd += read;
        Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
    }

    /// <summary>Dispatches every whole envelope buffered (v3/v4, and v5 before READY); a frame larger than the buffer is read straight into its own body.</summary>
    private async ValueTask DispatchEnvelopesAsync(Stream stream, CancellationToken token)
    {
        while (Buffered >= ProtocolVersions.HeaderLength && !_segmentsIn)
        {
            FrameHeader header = ReadHeader(_readBuffer.AsSpan(_readStart, ProtocolVersions.HeaderLength));
            int frameLength = header.FrameLength;
            if (Buffered >= frameLength)
            {
                ReadOnlySpan<byte> bytes = _readBuffer.AsSpan(_readStart + ProtocolVersions.HeaderLength, header.BodyLength);
                bool pooled = !IsKeptSmallRows(header, bytes);
                byte[] body;
                if (pooled)
                {
                    body = RentBody(header.BodyLength);
                    bytes.CopyTo(body);
                }
                else
                {
                    body = bytes.ToArray();
                }

                _readStart += frameLength;
                Dispatch(header, body, pooled);
            }
            else if (frameLength > _readBuffer.Length)
            {
                FlushCompletions();
                int have = Buffered - ProtocolVersions.HeaderLength;
                byte[] body = await ReadLargeBodyAsync(stream, header.BodyLength, _readBuffer.AsMemory(_readStart + ProtocolVersions.HeaderLength, have), token).ConfigureAwait(false);
                _readStart = _readEnd = 0;
                Dispatch(header, body);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>v5 §2: checks and unwraps every whole segment buffered and dispatches the envelopes they complete.</summary>
    private void DispatchSegments(SegmentAssembler assembler)
    {
        bool compressed = CompressSegments;
        while (SegmentCodec.TryReadHeader(_readBuffer.AsSpan(_readStart, Buffered), compressed, out SegmentHeader header) && Buffered >= header.TotalLength)
        {
            byte[] payload = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.DecodedLength));
            try
            {
                int length = SegmentCodec.ReadPayload(_readBuffer.AsSpan(_readStart, header.TotalLength), header, payload);
                _readStart += header.TotalLength;
                assembler.Feed(payload.AsMemory(0, length), header.IsSelfContained);
                while (assembler.TryReadEnvelope(out ReadOnlyMemory<byte> envelope))
                {
                    FrameHeader frameHeader = ReadHeader(envelope.Span.Slice(0, ProtocolVersions.HeaderLength));
                    byte[] body = RentBody(frameHeader.BodyLength);
                    envelope.Span.Slice(ProtocolVersions.HeaderLength, frameHeader.BodyLength).CopyTo(body);
                    Dispatch(frameHeader, body);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }
        }
    }

    private FrameHeader ReadHeader(ReadOnlySpan<byte> bytes)
    {
        if (_negotiating && !_versionAccepted)
        {
            // A reply sets the direction bit (spec §2.1) and names a version; anything else is not a Cassandra node.
            int version = bytes[0] & 0x7F;
            if ((bytes[0] & 0x80) == 0 || version is < 1 or > ProtocolVersions.HighestKnown)
            {
                throw new NotCassandraException(EndpointName, bytes);
            }

            if (version != _connection.Version)
            {
                throw new VersionRefusedException(_connection.Version, version, $"it answered with a v{version} frame", EndpointName) { Host = EndpointName };
            }
        }

        return FrameHeader.Read(bytes, _connection.Version, _maxBodyLength);
    }

    private static byte[] RentBody(int length) => length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);

    /// <summary>
    /// A small uncompressed Rows result (v3/v4 §4.2.5: kind 0x0002 first) for a request that keeps its result: the result
    /// would copy it out of a pooled buffer anyway (<see cref="RowsResult.SmallBody"/>), so it is read into an exact array
    /// at once. Saves a copy, and a rent on this thread whose buffer goes back to the pool on another (which makes the
    /// shared pool allocate on this side about every other reply).
    /// </summary>
    private bool IsKeptSmallRows(FrameHeader header, ReadOnlySpan<byte> body) =>
        header.Opcode == Opcode.Result && header.Flags == HeaderFlags.None && header.Stream >= 0
        && body.Length is >= 4 and <= RowsResult.SmallBody
        && System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body) == 0x0002
        && _connection.KeepsResult(header.Stream);

    /// <summary>
    /// Reads a body larger than the read buffer into a buffer of its own that grows with the bytes that actually arrive
    /// (doubling from the read buffer's size), never to the length a header merely announces: a header of a 256 MiB
    /// frame followed by nothing costs nothing.
    /// </summary>
    private static async ValueTask<byte[]> ReadLargeBodyAsync(Stream stream, int bodyLength, ReadOnlyMemory<byte> have, CancellationToken token)
    {
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Min(bodyLength, Math.Max(ReadBufferSize * 2, have.Length * 2)));
        have.CopyTo(body);
        int filled = have.Length;
        try
        {
            while (filled < bodyLength)
            {
                if (filled == body.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(bodyLength, (long)body.Length * 2));
                    body.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(body);
                    body = bigger;
                }

                int read = await stream.ReadAsync(body.AsMemory(filled, Math.Min(body.Length, bodyLength) - filled), token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException($"The server closed the connection in the middle of a frame ({filled} of {bodyLength} body bytes received).");
                }

                filled += read;
            }

            return body;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(body);
            throw;
        }
    }

    private void Dispatch(FrameHeader header, byte[] body, bool pooled = true)
    {
        int length = header.BodyLength;
        // v5 §2.4.1.2: the envelope compression flag is deprecated and ignored; segments carry compression.
        if ((header.Flags & HeaderFlags.Compression) != 0 && length > 0 && _connection.Version < 5)
        {
            if (!CompressedBodies)
            {
                // v4 §5: a frame is compressed only with the algorithm agreed in STARTUP; none was.
                throw new ProtocolException($"{EndpointName} sent a compressed frame, but this connection did not ask for compression (v4 spec §5); the connection is closed.") { Host = EndpointName };
            }

            Lz4BodyCompressor.Decompress(body.AsSpan(0, length), out byte[] decompressed, out length);
            if (body.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            body = decompressed;
            header = new FrameHeader(header.Version, true, header.Flags & ~HeaderFlags.Compression, header.Stream, header.Opcode, length);
        }

        if (_negotiating && header.Opcode is Opcode.Ready or Opcode.Authenticate)
        {
            // The server took the version: from here on a closed socket or an odd frame is a failure, not a refusal.
            _versionAccepted = true;
            if (_connection.Version >= 5 && !_segmentsIn)
            {
                // v5 §2.3.1: everything after READY/AUTHENTICATE is framed, in both directions, and compressed when
                // STARTUP asked for it: the login exchange (AUTH_RESPONSE, AUTH_CHALLENGE, AUTH_SUCCESS) included.
                CompressSegments = Lz4Segments;
                _writer.StartSegments(Lz4Segments);
                _segmentsIn = true;
            }
        }

        var frame = new ResponseFrame(header, body, length, pooled);
        if (header.Stream < 0)
        {
            _connection.OnEvent(frame);
            return;
        }

        if (_connection.TakeReply(header.Stream) is not { } pending)
        {
            frame.Release();
            return;
        }

        (_batch ??= CompletionBatch.Rent(_connection)).Add(pending, frame);
    }

    /// <summary>Hands the batched replies to the thread pool: one work item for every reply of a read.</summary>
    private void FlushCompletions()
    {
        if (_batch is { } batch)
        {
            _batch = null;
            ThreadPool.UnsafeQueueUserWorkItem(batch, preferLocal: false);
        }
    }
}
