using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Connections;

/// <summary>Serializes a request as a whole frame (9-byte header, body) at the end of a writer.</summary>
internal static class FrameEncoder
{
    /// <summary>
    /// Bodies shorter than this go uncompressed even when compression is on: LZ4 saves next to nothing on them and
    /// costs about half a microsecond each. v4 spec §5: "Frames do not have to be compressed, however, even if
    /// compression has been agreed upon"; the compression flag says which are.
    /// </summary>
    public const int MinCompressedBodyLength = 256;

    /// <summary>
    /// Appends one frame to <paramref name="target"/>. Generic over the request so that struct requests are not
    /// boxed. On failure nothing of the frame is left in the writer.
    /// </summary>
    public static void EncodeInto<TRequest>(CqlWriter target, in TRequest request, byte version, short streamId, HeaderFlags flags, bool compressBody)
        where TRequest : IRequest
    {
        int start = target.Length;
        try
        {
            target.GetSpan(ProtocolVersions.HeaderLength);
            target.Advance(ProtocolVersions.HeaderLength);
            request.WriteBody(target, version);
            int bodyStart = start + ProtocolVersions.HeaderLength;
            if (compressBody && target.Length - bodyStart >= MinCompressedBodyLength && request.Opcode is not (Opcode.Startup or Opcode.Options))
            {
                // v3/v4 §5: the body (not the header) is compressed and the header flag 0x01 set.
                using var body = new CqlWriter(target.Length - bodyStart);
                body.WriteRaw(target.WrittenSpan.Slice(bodyStart));
                target.Truncate(bodyStart);
                Lz4BodyCompressor.Compress(body.WrittenSpan, target);
                flags |= HeaderFlags.Compression;
            }

            int bodyLength = target.Length - start - ProtocolVersions.HeaderLength;
            if (bodyLength > ProtocolVersions.MaxBodyLength)
            {
                throw new ArgumentException($"The request is {bodyLength} bytes; the protocol allows at most {ProtocolVersions.MaxBodyLength} (spec §2.5). Split the batch or the value.");
            }

            new FrameHeader(version, false, flags, streamId, request.Opcode, bodyLength).Write(target.WrittenSpanMutable.Slice(start));
        }
        catch
        {
            target.Truncate(start);
            throw;
        }
    }

    /// <summary>One frame in a writer of its own (tests and benchmarks).</summary>
    public static CqlWriter Encode<TRequest>(in TRequest request, byte version, short streamId, HeaderFlags flags, bool compressBody)
        where TRequest : IRequest
    {
        var writer = new CqlWriter(512);
        try
        {
            EncodeInto(writer, request, version, streamId, flags, compressBody);
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }
}
