using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Connections;

/// <summary>Serializes a request into a whole frame (9-byte header, body) in a pooled writer.</summary>
internal static class FrameEncoder
{
    public static CqlWriter Encode(IRequest request, byte version, short streamId, HeaderFlags flags, bool compressBody)
    {
        var writer = new CqlWriter(512);
        try
        {
            writer.GetSpan(ProtocolVersions.HeaderLength);
            writer.Advance(ProtocolVersions.HeaderLength);
            request.WriteBody(writer, version);
            if (compressBody && request.Opcode is not (Opcode.Startup or Opcode.Options))
            {
                // v3/v4 §5: the body (not the header) is compressed and the header flag 0x01 set.
                var compressed = new CqlWriter(writer.Length);
                compressed.GetSpan(ProtocolVersions.HeaderLength);
                compressed.Advance(ProtocolVersions.HeaderLength);
                Lz4BodyCompressor.Compress(writer.WrittenSpan.Slice(ProtocolVersions.HeaderLength), compressed);
                writer.Dispose();
                writer = compressed;
                flags |= HeaderFlags.Compression;
            }

            int bodyLength = writer.Length - ProtocolVersions.HeaderLength;
            if (bodyLength > ProtocolVersions.MaxBodyLength)
            {
                throw new ArgumentException($"The request is {bodyLength} bytes; the protocol allows at most {ProtocolVersions.MaxBodyLength} (spec §2.5). Split the batch or the value.");
            }

            new FrameHeader(version, false, flags, streamId, request.Opcode, bodyLength).Write(writer.WrittenSpanMutable);
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }
}
