using System.Buffers;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Connections;

internal sealed partial class Connection
{
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>Guards <see cref="_outgoing"/> and <see cref="_writerSignaled"/>; held only while one frame is encoded.</summary>
    private readonly object _writeLock = new();
    private readonly AsyncSignal _writeSignal = new();

    /// <summary>A request was encoded while this connection's replies were being completed: wake the writer once, at the end.</summary>
    private bool _wakeAfterBatch;

    /// <summary>Frames encoded by callers and not yet taken by the writer loop.</summary>
    private CqlWriter _outgoing = new(WriteBufferSize);

    /// <summary>The buffer the writer loop is writing; swapped with <see cref="_outgoing"/> each round.</summary>
    private CqlWriter _flushing = new(WriteBufferSize);
    private bool _writerSignaled;

    /// <summary>v3/v4 with LZ4 negotiated: request bodies are compressed (v4 §5).</summary>
    private bool _compressBodies;

    /// <summary>v5 with LZ4 negotiated: segments are compressed (v5 §2.2).</summary>
    private bool _compressSegments;

    /// <summary>v5 after READY: frames leave inside segments.</summary>
    private volatile bool _segmentsOut;

    /// <summary>
    /// Encodes a frame straight into the shared outgoing buffer and wakes the writer loop if it sleeps. Callers
    /// serialize under a short lock; the writer loop then sends everything encoded since its last round in one
    /// socket write, so under load many requests share a syscall and no frame is copied twice.
    /// </summary>
    private void Enqueue<TRequest>(in TRequest request, short streamId, HeaderFlags flags)
        where TRequest : IRequest
    {
        bool signal = false;
        lock (_writeLock)
        {
            if (IsClosed)
            {
                throw ClosedException();
            }

            FrameEncoder.EncodeInto(_outgoing, request, Version, streamId, flags, _compressBodies);
            if (!_writerSignaled)
            {
                if (ReferenceEquals(CompletionBatch.Completing, this))
                {
                    // More requests are likely to follow from the same batch of replies: send them together.
                    _wakeAfterBatch = true;
                }
                else
                {
                    _writerSignaled = true;
                    signal = true;
                }
            }
        }

        if (signal)
        {
            _writeSignal.Set();
        }
    }

    /// <summary>Called when a batch of this connection's replies has been completed.</summary>
    internal void EndCompletionBatch()
    {
        bool signal = false;
        lock (_writeLock)
        {
            if (_wakeAfterBatch)
            {
                _wakeAfterBatch = false;
                if (!_writerSignaled)
                {
                    _writerSignaled = true;
                    signal = true;
                }
            }
        }

        if (signal)
        {
            _writeSignal.Set();
        }
    }

    private async Task WriteLoopAsync()
    {
        Stream stream = _stream!;
        CancellationToken token = _closing.Token;
        try
        {
            while (true)
            {
                await _writeSignal.WaitAsync().ConfigureAwait(false);
                if (IsClosed)
                {
                    return;
                }

                CqlWriter batch;
                lock (_writeLock)
                {
                    batch = _outgoing;
                    _outgoing = _flushing;
                    _flushing = batch;
                    _writerSignaled = false;
                }

                if (batch.Length > 0)
                {
                    await WriteOutAsync(stream, batch.WrittenMemory, token).ConfigureAwait(false);
                    await stream.FlushAsync(token).ConfigureAwait(false);
                }

                batch.Reset();
                if (batch.Capacity > 4 * WriteBufferSize)
                {
                    // Give back what one large request made the buffer grow to.
                    lock (_writeLock)
                    {
                        batch.Dispose();
                        _flushing = new CqlWriter(WriteBufferSize);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (IsClosed)
        {
        }
        catch (Exception ex)
        {
            Close(new ConnectionException($"Writing to {EndpointName} failed: {ex.Message}", ex) { Host = EndpointName });
        }
    }

    private ValueTask WriteOutAsync(Stream stream, ReadOnlyMemory<byte> envelopes, CancellationToken token)
    {
        if (!_segmentsOut)
        {
            return stream.WriteAsync(envelopes, token);
        }

        return WriteSegmentsAsync(stream, envelopes, token);
    }

    /// <summary>v5 §2: envelopes leave in segments of at most 128 KiB payload, each with a CRC24 header and CRC32 trailer.</summary>
    private async ValueTask WriteSegmentsAsync(Stream stream, ReadOnlyMemory<byte> envelopes, CancellationToken token)
    {
        var output = new ArrayBufferWriter<byte>(envelopes.Length + 64);
        using (var encoder = new SegmentEncoder(_compressSegments))
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
    }
}
