using System.Buffers;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Connections;

internal sealed partial class Connection
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>While set, the first reply may carry another version: the server answering a version it refuses.</summary>
    private volatile bool _negotiating = true;

    /// <summary>v5: set by the reader when READY/AUTHENTICATE arrives; from then on both directions use segments (v5 §2.3).</summary>
    private volatile bool _segmentsIn;

    private async Task ReadLoopAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        int start = 0;
        int end = 0;
        Stream stream = _stream!;
        CancellationToken token = _closing.Token;
        SegmentAssembler? assembler = null;
        try
        {
            while (true)
            {
                if (_segmentsIn)
                {
                    assembler ??= new SegmentAssembler();
                    (start, end) = await ReadSegmentsAsync(stream, buffer, start, end, assembler, token).ConfigureAwait(false);
                    continue;
                }

                // Parse every whole frame in the buffer.
                while (end - start >= ProtocolVersions.HeaderLength && !_segmentsIn)
                {
                    FrameHeader header = ReadHeader(buffer.AsSpan(start, ProtocolVersions.HeaderLength));
                    int frameLength = header.FrameLength;
                    if (end - start >= frameLength)
                    {
                        byte[] body = RentBody(header.BodyLength);
                        buffer.AsSpan(start + ProtocolVersions.HeaderLength, header.BodyLength).CopyTo(body);
                        start += frameLength;
                        Dispatch(header, body);
                    }
                    else if (frameLength > buffer.Length)
                    {
                        // A frame larger than the buffer is read straight into its own body array.
                        byte[] body = RentBody(header.BodyLength);
                        int have = end - start - ProtocolVersions.HeaderLength;
                        buffer.AsSpan(start + ProtocolVersions.HeaderLength, have).CopyTo(body);
                        await ReadExactlyAsync(stream, body.AsMemory(have, header.BodyLength - have), token).ConfigureAwait(false);
                        start = end = 0;
                        Dispatch(header, body);
                    }
                    else
                    {
                        break;
                    }
                }

                if (_segmentsIn)
                {
                    continue;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(end), token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ConnectionException($"{EndpointName} closed the connection.") { Host = EndpointName };
                }

                end += read;
                Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
            }
        }
        catch (Exception ex) when (!IsClosed || ex is not OperationCanceledException)
        {
            Close(ex is IOException or System.Net.Sockets.SocketException ? new ConnectionException($"Reading from {EndpointName} failed: {ex.Message}", ex) { Host = EndpointName } : ex);
        }
        catch (OperationCanceledException)
        {
            // Closed by the client.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<(int Start, int End)> ReadSegmentsAsync(Stream stream, byte[] buffer, int start, int end, SegmentAssembler assembler, CancellationToken token)
    {
        bool compressed = _compressSegments;
        while (true)
        {
            if (SegmentCodec.TryReadHeader(buffer.AsSpan(start, end - start), compressed, out SegmentHeader header))
            {
                if (end - start >= header.TotalLength)
                {
                    byte[] payload = ArrayPool<byte>.Shared.Rent(Math.Max(header.UncompressedLength, header.PayloadLength));
                    try
                    {
                        int length = SegmentCodec.ReadPayload(buffer.AsSpan(start, header.TotalLength), header, payload);
                        start += header.TotalLength;
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

                    continue;
                }
            }

            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            int read = await stream.ReadAsync(buffer.AsMemory(end), token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ConnectionException($"{EndpointName} closed the connection.") { Host = EndpointName };
            }

            end += read;
            Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
            return (start, end);
        }
    }

    private FrameHeader ReadHeader(ReadOnlySpan<byte> bytes)
    {
        if (_negotiating)
        {
            int version = bytes[0] & 0x7F;
            if (version != Version)
            {
                throw new VersionRefusedException(Version, version, $"it answered with a v{version} frame");
            }
        }

        return FrameHeader.Read(bytes, Version);
    }

    private static byte[] RentBody(int length) => length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);

    private static async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> destination, CancellationToken token)
    {
        while (!destination.IsEmpty)
        {
            int read = await stream.ReadAsync(destination, token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the connection in the middle of a frame.");
            }

            destination = destination.Slice(read);
        }
    }

    private void Dispatch(FrameHeader header, byte[] body)
    {
        int length = header.BodyLength;
        // v5 §2.4.1.2: the envelope compression flag is deprecated and ignored; segments carry compression.
        if ((header.Flags & HeaderFlags.Compression) != 0 && length > 0 && Version < 5)
        {
            Lz4BodyCompressor.Decompress(body.AsSpan(0, length), out byte[] decompressed, out length);
            if (body.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            body = decompressed;
            header = new FrameHeader(header.Version, true, header.Flags & ~HeaderFlags.Compression, header.Stream, header.Opcode, length);
        }

        if (_negotiating && Version >= 5 && header.Opcode is Opcode.Ready or Opcode.Authenticate)
        {
            // v5 §2.3: everything after READY/AUTHENTICATE is framed, in both directions.
            _segmentsIn = true;
            _segmentsOut = true;
        }

        var frame = new ResponseFrame(header, body, length);
        if (header.Stream < 0)
        {
            HandleEvent(frame);
            return;
        }

        if (header.Stream >= _pending.Length || Volatile.Read(ref _pending[header.Stream]) is null)
        {
            _settings.Logger.LogDebug("Reply on stream {Stream} from {Endpoint} has no waiting request; dropped", header.Stream, EndpointName);
            frame.Release();
            return;
        }

        CompleteStream(header.Stream, frame, null);
    }

    private void HandleEvent(ResponseFrame frame)
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
                    if (ResponseReader.Read(state.frame, state.self.Version, state.self.EndpointName, null) is EventResponse e)
                    {
                        state.handler(e);
                    }
                }
                catch (Exception ex)
                {
                    state.self._settings.Logger.LogWarning(ex, "Server event from {Endpoint} could not be handled", state.self.EndpointName);
                }
            },
            (frame, handler, self: this),
            preferLocal: false);
    }
}
