using System.Buffers;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;

namespace AsyncCassandra.Connections;

internal sealed partial class Connection
{
    private const int WriteBatchSize = 64 * 1024;

    /// <summary>v3/v4 with LZ4 negotiated: request bodies are compressed (v4 §5).</summary>
    private bool _compressBodies;

    /// <summary>v5 with LZ4 negotiated: segments are compressed (v5 §2.2).</summary>
    private bool _compressSegments;

    /// <summary>v5 after READY: frames leave inside segments.</summary>
    private volatile bool _segmentsOut;

    /// <summary>
    /// Drains the queue of encoded frames into one buffer and writes it with one socket call: under load many
    /// requests leave in a single write; when idle a lone request leaves at once.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        byte[] batch = ArrayPool<byte>.Shared.Rent(WriteBatchSize);
        Stream stream = _stream!;
        CancellationToken token = _closing.Token;
        var reader = _writeQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                int length = 0;
                while (reader.TryRead(out OutgoingFrame frame))
                {
                    ReadOnlyMemory<byte> bytes = frame.Bytes.WrittenMemory;
                    try
                    {
                        if (length + bytes.Length > batch.Length && length > 0)
                        {
                            await WriteOutAsync(stream, batch.AsMemory(0, length), token).ConfigureAwait(false);
                            length = 0;
                        }

                        if (bytes.Length > batch.Length)
                        {
                            await WriteOutAsync(stream, bytes, token).ConfigureAwait(false);
                        }
                        else
                        {
                            bytes.Span.CopyTo(batch.AsSpan(length));
                            length += bytes.Length;
                        }
                    }
                    finally
                    {
                        frame.Bytes.Dispose();
                    }
                }

                if (length > 0)
                {
                    await WriteOutAsync(stream, batch.AsMemory(0, length), token).ConfigureAwait(false);
                }

                await stream.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (IsClosed)
        {
        }
        catch (Exception ex)
        {
            Close(new ConnectionException($"Writing to {EndpointName} failed: {ex.Message}", ex) { Host = EndpointName });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
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
