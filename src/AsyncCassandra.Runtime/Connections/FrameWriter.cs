using System.Buffers;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Connections;

/// <summary>
/// The write side of a connection: callers encode their frames straight into a shared outgoing buffer under a short
/// lock, and one writer loop sends everything encoded since its last round in one socket write, so under load many
/// requests share a syscall and no frame is copied twice. On v5 the frames leave inside CRC-checked segments.
/// </summary>
internal sealed class FrameWriter
{
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>The most bytes a batch of replies writes on the I/O thread (<see cref="ClaimWriter"/>); more goes to the writer loop.</summary>
    private const int InlineWriteLimit = 16 * 1024;

    private readonly Connection _connection;

    /// <summary>Guards the outgoing buffer and <see cref="_writerSignaled"/>; held only while one frame is encoded.</summary>
    private readonly object _lock = new();
    private readonly AsyncSignal _signal = new();

    /// <summary>A request was encoded while this connection's replies were being completed: wake the writer once, at the end.</summary>
    private bool _wakeAfterBatch;

    /// <summary>Frames encoded by callers and not yet taken by the writer loop.</summary>
    private CqlWriter _outgoing = new(WriteBufferSize);

    /// <summary>The buffer the writer loop is writing; swapped with <see cref="_outgoing"/> each round.</summary>
    private CqlWriter _flushing = new(WriteBufferSize);
    private bool _writerSignaled;

    /// <summary>The loop is writing <see cref="_flushing"/> (set from its swap to the end of its round).</summary>
    private bool _loopWriting;

    /// <summary>A batch of replies is writing <see cref="_flushing"/> itself (<see cref="EndCompletionBatch"/>).</summary>
    private bool _inlineWriting;

    /// <summary>Set by <see cref="Release"/> during an inline write: that write returns the buffers when it ends.</summary>
    private bool _releaseAfterInline;

    private Stream? _stream;

    /// <summary>The stream is a <see cref="PollingSocketStream"/>: the I/O thread writes what its batches issue.</summary>
    private bool _polling;
    private int _inlineWrites;
    private int _loopWrites;
    private bool _sensitive;
    private volatile bool _segmentsOut;

    public FrameWriter(Connection connection) => _connection = connection;

    /// <summary>v3/v4 with LZ4 negotiated: request bodies are compressed (v4 §5).</summary>
    public bool CompressBodies { get; set; }

    /// <summary>v5 with LZ4 negotiated: segments are compressed (v5 §2.2).</summary>
    public bool CompressSegments { get; private set; }

    /// <summary>
    /// v5 after READY/AUTHENTICATE: frames leave inside segments (v5 §2.3.1), LZ4-compressed when STARTUP asked for it.
    /// Set before the handshake sends anything more (the reader calls this before it completes the reply).
    /// </summary>
    public void StartSegments(bool compressed)
    {
        CompressSegments = compressed;
        _segmentsOut = true; // volatile: publishes CompressSegments to the writer loop
    }

    /// <summary>Socket writes made by the I/O thread at the end of a batch of replies (<see cref="ClaimWriter"/>).</summary>
    public int InlineWrites => Volatile.Read(ref _inlineWrites);

    /// <summary>Rounds of the writer loop.</summary>
    public int LoopWrites => Volatile.Read(ref _loopWrites);

    /// <summary>A batch of replies deferred a wake-up that has not happened yet.</summary>
    public bool WakeDeferred => Volatile.Read(ref _wakeAfterBatch);

    /// <summary>Encodes a frame into the outgoing buffer and wakes the writer loop if it sleeps.</summary>
    public void Enqueue<TRequest>(in TRequest request, short streamId, HeaderFlags flags)
        where TRequest : IRequest
    {
        bool signal = false;
        lock (_lock)
        {
            if (_connection.IsClosed)
            {
                throw _connection.ClosedException();
            }

            FrameEncoder.EncodeInto(_outgoing, request, _connection.Version, streamId, flags, CompressBodies);
            _sensitive |= request.Opcode == Opcode.AuthResponse;
            if (!_writerSignaled)
            {
                if (ReferenceEquals(CompletionBatch.Completing, _connection))
                {
                    // More requests are likely to follow from the same batch of replies: send them together.
                    _wakeAfterBatch = true;
                }
                else
                {
                    // The loop, not this thread: callers issuing many requests at once (a bulk import's loop, a burst
                    // from many threads) keep appending while it wakes, and their frames leave in one write.
                    _writerSignaled = true;
                    signal = true;
                }
            }
        }

        if (signal)
        {
            _signal.Set();
        }
    }

    /// <summary>Called when a batch of this connection's replies has been completed: sends what its continuations encoded.</summary>
    public void EndCompletionBatch()
    {
        bool signal = false;
        CqlWriter? inline = null;
        lock (_lock)
        {
            if (_wakeAfterBatch)
            {
                _wakeAfterBatch = false;
                if (!_writerSignaled)
                {
                    inline = ClaimWriter();
                    signal = inline is null;
                }
            }
        }

        if (inline is not null)
        {
            WriteInline(inline);
        }
        else if (signal)
        {
            _signal.Set();
        }
    }

    /// <summary>
    /// Takes the writer's role at the end of a batch of replies (under the lock, the loop not signalled yet). On a
    /// connection with its own I/O thread (<see cref="PollingSocketStream"/>), when the loop is not writing and the
    /// frames are few, the I/O thread writes what the batch's continuations encoded itself: returns the buffer to write.
    /// Otherwise returns null and the caller wakes the loop. Writing here saves a thread-pool hop to the loop, and the
    /// idle worker's spinning it causes, on every round trip.
    /// </summary>
    private CqlWriter? ClaimWriter()
    {
        // _writerSignaled stays set during an inline write: callers meanwhile only append, and the write's end hands
        // what they appended to the loop.
        _writerSignaled = true;
        if (!_polling || _loopWriting || _segmentsOut || _sensitive || _outgoing.Length > InlineWriteLimit || _connection.IsClosed)
        {
            return null;
        }

        CqlWriter batch = _outgoing;
        _outgoing = _flushing;
        _flushing = batch;
        _inlineWriting = true;
        _inlineWrites++;
        return batch;
    }

    /// <summary>Writes a claimed buffer on this thread (the polling stream's write completes synchronously).</summary>
    private void WriteInline(CqlWriter batch)
    {
        Exception? failure = null;
        try
        {
            _stream!.Write(batch.WrittenSpan);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        EndInlineWrite(batch, failure);
    }

    /// <summary>Ends an inline write: hands what callers appended meanwhile to the loop, or reports the failure.</summary>
    private void EndInlineWrite(CqlWriter batch, Exception? failure)
    {
        bool signal = false;
        lock (_lock)
        {
            _inlineWriting = false;
            if (_releaseAfterInline)
            {
                _outgoing.Dispose();
                _flushing.Dispose();
                return;
            }

            batch.Reset();
            if (_outgoing.Length > 0 || _connection.IsClosed)
            {
                signal = true; // _writerSignaled is still set: the loop takes over
            }
            else
            {
                _writerSignaled = false;
            }
        }

        if (failure is not null)
        {
            ReportFailure(failure);
        }

        if (signal || failure is not null)
        {
            _signal.Set();
        }
    }

    private void ReportFailure(Exception ex)
    {
        if (ex is OperationCanceledException && _connection.IsClosed)
        {
            return;
        }

        _connection.Close(new ConnectionException($"Writing to {_connection.EndpointName} failed: {ex.Message}", ex) { Host = _connection.EndpointName });
    }

    /// <summary>Wakes the loop so that it sees the connection closed and ends.</summary>
    public void Wake() => _signal.Set();

    public async Task RunAsync(Stream stream, CancellationToken token)
    {
        lock (_lock)
        {
            _stream = stream;
            _polling = stream is PollingSocketStream;
        }

        try
        {
            while (true)
            {
                await _signal.WaitAsync().ConfigureAwait(false);
                if (_connection.IsClosed)
                {
                    return;
                }

                CqlWriter batch;
                bool sensitive;
                lock (_lock)
                {
                    batch = _outgoing;
                    _outgoing = _flushing;
                    _flushing = batch;
                    _writerSignaled = false;
                    _loopWriting = true;
                    _loopWrites++;
                    sensitive = _sensitive;
                    _sensitive = false;
                }

                if (batch.Length > 0)
                {
                    await WriteOutAsync(stream, batch.WrittenMemory, sensitive, token).ConfigureAwait(false);
                    await stream.FlushAsync(token).ConfigureAwait(false);
                    if (sensitive)
                    {
                        // An AUTH_RESPONSE carried the password: it must not linger in a pooled buffer.
                        System.Security.Cryptography.CryptographicOperations.ZeroMemory(batch.WrittenSpanMutable);
                    }
                }

                batch.Reset();
                lock (_lock)
                {
                    if (batch.Capacity > 4 * WriteBufferSize)
                    {
                        // Give back what one large request made the buffer grow to.
                        batch.Dispose();
                        _flushing = new CqlWriter(WriteBufferSize);
                    }

                    _loopWriting = false;
                }
            }
        }
        catch (OperationCanceledException) when (_connection.IsClosed)
        {
        }
        catch (Exception ex)
        {
            ReportFailure(ex);
        }
    }

    /// <summary>Returns the buffers; the loop has ended.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_inlineWriting)
            {
                _releaseAfterInline = true;
                return;
            }

            _outgoing.Dispose();
            _flushing.Dispose();
        }
    }

    private ValueTask WriteOutAsync(Stream stream, ReadOnlyMemory<byte> envelopes, bool sensitive, CancellationToken token) =>
        _segmentsOut ? WriteSegmentsAsync(stream, envelopes, sensitive, token) : stream.WriteAsync(envelopes, token);

    /// <summary>v5 §2: envelopes leave in segments of at most 128 KiB payload, each with a CRC24 header and CRC32 trailer.</summary>
    private async ValueTask WriteSegmentsAsync(Stream stream, ReadOnlyMemory<byte> envelopes, bool sensitive, CancellationToken token)
    {
        var output = new ArrayBufferWriter<byte>(envelopes.Length + 64);
        using (var encoder = new SegmentEncoder(CompressSegments))
        {
            ReadOnlySpan<byte> rest = envelopes.Span;
            while (!rest.IsEmpty)
            {
                int length = ProtocolVersions.HeaderLength + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(rest.Slice(5, 4));
                encoder.Add(rest.Slice(0, length), output);
                rest = rest.Slice(length);
            }

            encoder.Flush(output);
        }

        await stream.WriteAsync(output.WrittenMemory, token).ConfigureAwait(false);
        if (sensitive)
        {
            output.Clear(); // zeroes what it held
        }
    }
}
