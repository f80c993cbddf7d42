using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// Encodes and decodes single v5 segments ("frames" in the v5 spec, §2): header with CRC24, payload, CRC32 trailer.
/// All framing integers are little-endian (§1). Allocation-free.
/// <para>
/// Uncompressed format (§2.1): 3 bytes = payload length (17 bits) | self-contained (bit 17), then the CRC24 of those
/// 3 bytes as 3 bytes, then the payload, then the CRC32 of the payload.
/// </para>
/// <para>
/// LZ4 format (§2.2): 5 bytes = compressed length (17 bits) | uncompressed length (17 bits) &lt;&lt; 17 |
/// self-contained (bit 34), then the CRC24 of those 5 bytes as 3 bytes (8-byte header), then the LZ4 block, then the
/// CRC32 of the block as sent. An uncompressed length of 0 means "payload stored as is"; the writer uses it whenever
/// compression would not make the payload strictly smaller (as Cassandra's <c>FrameEncoderLZ4</c> does).
/// </para>
/// </summary>
internal static class SegmentCodec
{
    /// <summary>Largest payload a segment can carry: 2^17 - 1 bytes (v5 spec §2.1, §2.2).</summary>
    public const int MaxPayloadLength = (128 * 1024) - 1;

    /// <summary>Header length of the uncompressed format (§2.1): 3 bytes of fields + 3 bytes of CRC24.</summary>
    public const int UncompressedHeaderLength = 6;

    /// <summary>Header length of the LZ4 format (§2.2): 5 bytes of fields + 3 bytes of CRC24.</summary>
    public const int CompressedHeaderLength = 8;

    /// <summary>Length of the CRC32 trailer.</summary>
    public const int TrailerLength = 4;

    private const int LengthMask = 0x1FFFF;
    private const int SelfContainedBitUncompressed = 1 << 17;
    private const ulong SelfContainedBitCompressed = 1UL << 34;

    /// <summary>6 for the uncompressed format, 8 for the LZ4 format.</summary>
    public static int GetHeaderLength(bool compressed) => compressed ? CompressedHeaderLength : UncompressedHeaderLength;

    /// <summary>
    /// Upper bound of the bytes <see cref="Write"/> produces for a payload of <paramref name="payloadLength"/> bytes:
    /// header + payload + trailer. It holds for the LZ4 format too, because a compressed block is only used when it
    /// is strictly smaller than the payload.
    /// </summary>
    public static int GetMaxEncodedLength(int payloadLength, bool compressed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, MaxPayloadLength);
        return GetHeaderLength(compressed) + payloadLength + TrailerLength;
    }

    /// <summary>
    /// Writes one segment carrying <paramref name="payload"/> (at most <see cref="MaxPayloadLength"/> bytes) into
    /// <paramref name="destination"/>, which must hold at least <see cref="GetMaxEncodedLength"/> bytes.
    /// With <paramref name="compressed"/> the LZ4 format is used (the payload is LZ4-compressed when that makes it
    /// smaller, otherwise stored as is with an uncompressed length of 0). Returns the number of bytes written.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> payload, bool selfContained, bool compressed, Span<byte> destination)
    {
        int maxLength = GetMaxEncodedLength(payload.Length, compressed);
        if (destination.Length < maxLength)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a segment for a {payload.Length}-byte payload needs up to {maxLength}.", nameof(destination));
        }

        int headerLength = GetHeaderLength(compressed);
        Span<byte> body = destination.Slice(headerLength);
        int wireLength;
        if (compressed)
        {
            int uncompressedLength = 0;
            wireLength = payload.Length;
            if (payload.Length > 1)
            {
                // Only a strictly smaller block is worth sending: cap the output one byte below the payload length,
                // LZ4 then reports failure (<= 0) instead of producing a block that is not smaller.
                int encoded = LZ4Codec.Encode(payload, body.Slice(0, payload.Length - 1));
                if (encoded > 0 && encoded < payload.Length)
                {
                    wireLength = encoded;
                    uncompressedLength = payload.Length;
                }
            }

            if (uncompressedLength == 0)
            {
                payload.CopyTo(body);
            }

            ulong fields = (uint)wireLength | ((ulong)(uint)uncompressedLength << 17) | (selfContained ? SelfContainedBitCompressed : 0);
            WriteUInt40LittleEndian(destination, fields);
            WriteUInt24LittleEndian(destination.Slice(5), Crc24.Compute(destination.Slice(0, 5)));
        }
        else
        {
            wireLength = payload.Length;
            payload.CopyTo(body);
            int fields = payload.Length | (selfContained ? SelfContainedBitUncompressed : 0);
            WriteUInt24LittleEndian(destination, fields);
            WriteUInt24LittleEndian(destination.Slice(3), Crc24.Compute(destination.Slice(0, 3)));
        }

        uint crc32 = Crc32Checksum.Compute(body.Slice(0, wireLength));
        BinaryPrimitives.WriteUInt32LittleEndian(body.Slice(wireLength, TrailerLength), crc32);
        return headerLength + wireLength + TrailerLength;
    }

    /// <summary>Writes one segment into <paramref name="output"/> (see <see cref="Write"/>); returns the bytes written.</summary>
    public static int WriteSegment(ReadOnlySpan<byte> payload, bool selfContained, bool compressed, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> destination = output.GetSpan(GetMaxEncodedLength(payload.Length, compressed));
        int written = Write(payload, selfContained, compressed, destination);
        output.Advance(written);
        return written;
    }

    /// <summary>
    /// Writes one whole envelope: as a single self-contained segment when it fits in <see cref="MaxPayloadLength"/>,
    /// otherwise split into consecutive non-self-contained segments of <see cref="MaxPayloadLength"/> bytes (the last
    /// one shorter), which carry nothing but this envelope (v5 spec §1). Returns the number of segments written.
    /// To pack several small envelopes into one segment use <see cref="SegmentEncoder"/>.
    /// </summary>
    public static int WriteEnvelope(ReadOnlySpan<byte> envelope, bool compressed, IBufferWriter<byte> output)
    {
        if (envelope.Length <= MaxPayloadLength)
        {
            WriteSegment(envelope, selfContained: true, compressed, output);
            return 1;
        }

        int segments = 0;
        while (!envelope.IsEmpty)
        {
            int chunk = Math.Min(envelope.Length, MaxPayloadLength);
            WriteSegment(envelope.Slice(0, chunk), selfContained: false, compressed, output);
            envelope = envelope.Slice(chunk);
            segments++;
        }

        return segments;
    }

    /// <summary>
    /// Reads and verifies a segment header from the start of <paramref name="input"/>. Returns false (and a default
    /// header) when fewer than 6 (uncompressed) or 8 (LZ4) bytes are available. Throws <see cref="ProtocolException"/>
    /// when the CRC24 does not match; the stream cannot be resynchronised after that, so the connection must be closed.
    /// The header padding bits are ignored (§2.1, §2.2), but they are covered by the CRC24.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> input, bool compressed, out SegmentHeader header)
    {
        if (compressed)
        {
            if (input.Length < CompressedHeaderLength)
            {
                header = default;
                return false;
            }

            int expected = ReadUInt24LittleEndian(input.Slice(5));
            int computed = Crc24.Compute(input.Slice(0, 5));
            if (expected != computed)
            {
                throw new ProtocolException($"v5 LZ4 segment header CRC24 mismatch: expected 0x{expected:X6}, computed 0x{computed:X6} over header bytes {Convert.ToHexString(input.Slice(0, 5))}; the connection is closed.");
            }

            ulong fields = ReadUInt40LittleEndian(input);
            header = new SegmentHeader(
                (int)(fields & LengthMask),
                (int)((fields >> 17) & LengthMask),
                (fields & SelfContainedBitCompressed) != 0,
                CompressedHeaderLength);
            return true;
        }

        if (input.Length < UncompressedHeaderLength)
        {
            header = default;
            return false;
        }

        int expectedCrc = ReadUInt24LittleEndian(input.Slice(3));
        int computedCrc = Crc24.Compute(input.Slice(0, 3));
        if (expectedCrc != computedCrc)
        {
            throw new ProtocolException($"v5 segment header CRC24 mismatch: expected 0x{expectedCrc:X6}, computed 0x{computedCrc:X6} over header bytes {Convert.ToHexString(input.Slice(0, 3))}; the connection is closed.");
        }

        int headerFields = ReadUInt24LittleEndian(input);
        header = new SegmentHeader(headerFields & LengthMask, 0, (headerFields & SelfContainedBitUncompressed) != 0, UncompressedHeaderLength);
        return true;
    }

    /// <summary>
    /// Verifies the CRC32 trailer of a whole segment (<paramref name="segment"/> starts at the header and holds at
    /// least <see cref="SegmentHeader.TotalLength"/> bytes) and returns the payload as it is on the wire (still
    /// LZ4-compressed when <see cref="SegmentHeader.IsCompressed"/>). Lets the uncompressed path skip a copy.
    /// Throws <see cref="ProtocolException"/> on a CRC32 mismatch.
    /// </summary>
    public static ReadOnlySpan<byte> VerifyPayload(ReadOnlySpan<byte> segment, in SegmentHeader header)
    {
        if (segment.Length < header.TotalLength)
        {
            throw new ArgumentException($"The segment span holds {segment.Length} bytes; the header announces {header.TotalLength}.", nameof(segment));
        }

        ReadOnlySpan<byte> payload = segment.Slice(header.HeaderLength, header.PayloadLength);
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(segment.Slice(header.HeaderLength + header.PayloadLength, TrailerLength));
        uint computed = Crc32Checksum.Compute(payload);
        if (expected != computed)
        {
            throw new ProtocolException($"v5 segment payload CRC32 mismatch: expected 0x{expected:X8}, computed 0x{computed:X8} over {payload.Length} payload bytes; the connection is closed.");
        }

        return payload;
    }

    /// <summary>
    /// Verifies the CRC32 of a whole segment (see <see cref="VerifyPayload"/>), then copies or LZ4-decompresses its
    /// payload into <paramref name="destination"/> (at least <see cref="SegmentHeader.DecodedLength"/> bytes). Returns
    /// the decoded payload length. Throws <see cref="ProtocolException"/> on a CRC32 mismatch or a corrupt LZ4 block.
    /// </summary>
    public static int ReadPayload(ReadOnlySpan<byte> segment, in SegmentHeader header, Span<byte> destination)
    {
        ReadOnlySpan<byte> payload = VerifyPayload(segment, header);
        int decodedLength = header.DecodedLength;
        if (destination.Length < decodedLength)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the segment payload decodes to {decodedLength}.", nameof(destination));
        }

        if (!header.IsCompressed)
        {
            payload.CopyTo(destination);
            return payload.Length;
        }

        int decoded = LZ4Codec.Decode(payload, destination.Slice(0, decodedLength));
        if (decoded != decodedLength)
        {
            throw new ProtocolException($"v5 LZ4 segment payload is corrupt: {payload.Length} compressed bytes decoded to {decoded} bytes instead of the announced {decodedLength}; the connection is closed.");
        }

        return decoded;
    }

    private static void WriteUInt24LittleEndian(Span<byte> destination, int value)
    {
        destination[2] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[0] = (byte)value;
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> source) => source[0] | (source[1] << 8) | (source[2] << 16);

    private static void WriteUInt40LittleEndian(Span<byte> destination, ulong value)
    {
        destination[4] = (byte)(value >> 32);
        destination[3] = (byte)(value >> 24);
        destination[2] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[0] = (byte)value;
    }

    private static ulong ReadUInt40LittleEndian(ReadOnlySpan<byte> source) =>
        source[0] | ((ulong)source[1] << 8) | ((ulong)source[2] << 16) | ((ulong)source[3] << 24) | ((ulong)source[4] << 32);
}
