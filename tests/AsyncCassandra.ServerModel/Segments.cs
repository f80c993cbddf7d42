using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace AsyncCassandra.ServerModel;

/// <summary>
/// v5 framing (v5 §2.1, §2.2): a stream of envelopes cut into segments of at most 128 KiB - 1 payload bytes, each
/// with a CRC24-checked header and a CRC32 trailer, LZ4-compressed when STARTUP asked for it. An envelope that fits
/// goes with others into one self-contained segment; a larger one is split across segments that are not
/// self-contained (Cassandra's FrameEncoder does the same).
/// </summary>
public static class Segments
{
    /// <summary>The largest payload of one segment: 17 bits.</summary>
    public const int MaxPayload = (1 << 17) - 1;

    /// <summary>Encodes envelopes (each a whole 9-byte-headed envelope) into segments.</summary>
    public static byte[] Encode(IReadOnlyList<byte[]> envelopes, bool compressed)
    {
        var output = new WireWriter();
        var pending = new List<byte>();
        foreach (byte[] envelope in envelopes)
        {
            if (envelope.Length > MaxPayload)
            {
                if (pending.Count > 0)
                {
                    WriteSegment(output, [.. pending], selfContained: true, compressed);
                    pending.Clear();
                }

                for (int offset = 0; offset < envelope.Length; offset += MaxPayload)
                {
                    WriteSegment(output, envelope.AsSpan(offset, Math.Min(MaxPayload, envelope.Length - offset)), selfContained: false, compressed);
                }

                continue;
            }

            if (pending.Count + envelope.Length > MaxPayload)
            {
                WriteSegment(output, [.. pending], selfContained: true, compressed);
                pending.Clear();
            }

            pending.AddRange(envelope);
        }

        if (pending.Count > 0)
        {
            WriteSegment(output, [.. pending], selfContained: true, compressed);
        }

        return output.ToArray();
    }

    private static void WriteSegment(WireWriter output, ReadOnlySpan<byte> payload, bool selfContained, bool compressed)
    {
        Span<byte> header = stackalloc byte[8];
        if (!compressed)
        {
            // §2.1: 17 bits payload length, 1 bit self-contained, 6 bits padding; CRC24 of those 3 bytes.
            ulong value = (uint)payload.Length | (selfContained ? 1UL << 17 : 0);
            WriteLittleEndian(header, value, 3);
            WriteLittleEndian(header[3..], (ulong)Checksums.Crc24(value, 3), 3);
            output.Raw(header[..6]).Raw(payload);
        }
        else
        {
            // §2.2: 17 bits compressed length, 17 bits uncompressed length (0: stored as-is), 1 bit self-contained.
            byte[] block = new byte[LZ4Codec.MaximumOutputSize(payload.Length)];
            int encoded = LZ4Codec.Encode(payload, block);
            bool worth = encoded > 0 && encoded < payload.Length;
            ReadOnlySpan<byte> body = worth ? block.AsSpan(0, encoded) : payload;
            ulong value = (uint)body.Length | ((ulong)(uint)(worth ? payload.Length : 0) << 17) | (selfContained ? 1UL << 34 : 0);
            WriteLittleEndian(header, value, 5);
            WriteLittleEndian(header[5..], (ulong)Checksums.Crc24(value, 5), 3);
            output.Raw(header).Raw(body);
            payload = body;
        }

        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Checksums.SegmentCrc32(payload));
        output.Raw(crc);
    }

    private static void WriteLittleEndian(Span<byte> target, ulong value, int length)
    {
        for (int i = 0; i < length; i++)
        {
            target[i] = (byte)(value >> (8 * i));
        }
    }

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> source, int length)
    {
        ulong value = 0;
        for (int i = 0; i < length; i++)
        {
            value |= (ulong)source[i] << (8 * i);
        }

        return value;
    }

    /// <summary>
    /// Reads one whole segment from the start of <paramref name="buffer"/>; false when more bytes are needed.
    /// A CRC mismatch is a <see cref="SegmentCrcException"/>: Cassandra then drops the connection.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, bool compressed, out byte[] payload, out bool selfContained, out int consumed)
    {
        payload = [];
        selfContained = false;
        consumed = 0;
        int headerLength = compressed ? 5 : 3;
        if (buffer.Length < headerLength + 3)
        {
            return false;
        }

        ulong value = ReadLittleEndian(buffer, headerLength);
        int expected = (int)ReadLittleEndian(buffer[headerLength..], 3);
        int actual = Checksums.Crc24(value, headerLength);
        if (expected != actual)
        {
            throw new SegmentCrcException($"segment header CRC24 mismatch (received {expected:x6}, computed {actual:x6}; {(compressed ? "LZ4" : "uncompressed")} framing expected)");
        }

        int length = (int)(value & MaxPayload);
        int uncompressed = compressed ? (int)((value >> 17) & MaxPayload) : 0;
        selfContained = ((value >> (compressed ? 34 : 17)) & 1) == 1;
        int total = headerLength + 3 + length + 4;
        if (buffer.Length < total)
        {
            return false;
        }

        ReadOnlySpan<byte> body = buffer.Slice(headerLength + 3, length);
        uint expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(headerLength + 3 + length, 4));
        uint actualCrc = Checksums.SegmentCrc32(body);
        if (expectedCrc != actualCrc)
        {
            throw new SegmentCrcException($"segment payload CRC32 mismatch (received {expectedCrc:x8}, computed {actualCrc:x8})");
        }

        if (compressed && uncompressed > 0)
        {
            payload = new byte[uncompressed];
            int decoded = LZ4Codec.Decode(body, payload);
            if (decoded != uncompressed)
            {
                throw new SegmentCrcException($"LZ4 payload decoded to {decoded} bytes, the header says {uncompressed}");
            }
        }
        else
        {
            payload = body.ToArray();
        }

        consumed = total;
        return true;
    }
}

/// <summary>A corrupt segment: Cassandra closes the connection without a reply (CRCMismatchException).</summary>
public sealed class SegmentCrcException(string message) : Exception(message)
{
}
