using System.Buffers;
using System.Buffers.Binary;
using AsyncCassandra.Protocol.Framing;
using K4os.Compression.LZ4;

namespace AsyncCassandra.Tests.Protocol.Framing;

public class SegmentCodecTests
{
    private static byte[] Encode(byte[] payload, bool selfContained, bool compressed)
    {
        byte[] destination = new byte[SegmentCodec.GetMaxEncodedLength(payload.Length, compressed)];
        int written = SegmentCodec.Write(payload, selfContained, compressed, destination);
        Assert.InRange(written, 1, destination.Length);
        return destination.AsSpan(0, written).ToArray();
    }

    private static (SegmentHeader Header, byte[] Payload) Decode(byte[] segment, bool compressed)
    {
        Assert.True(SegmentCodec.TryReadHeader(segment, compressed, out SegmentHeader header));
        Assert.Equal(segment.Length, header.TotalLength);
        byte[] payload = new byte[header.DecodedLength];
        int length = SegmentCodec.ReadPayload(segment, header, payload);
        Assert.Equal(header.DecodedLength, length);
        return (header, payload);
    }

    private static byte[] Le32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public void Spec_2_1_uncompressed_segment_with_empty_payload_has_exact_bytes()
    {
        // 17-bit length 0 | self-contained bit 17 = 0x020000 -> LE 00 00 02; CRC24 0xC4366A -> LE 6A 36 C4;
        // no payload; CRC32 trailer = crc32(FA 2D 55 CA) = 0x44777ED3 -> LE D3 7E 77 44.
        byte[] expected = [0x00, 0x00, 0x02, 0x6A, 0x36, 0xC4, 0xD3, 0x7E, 0x77, 0x44];
        Assert.Equal(expected, Encode([], selfContained: true, compressed: false));
    }

    [Fact]
    public void Spec_2_1_uncompressed_segment_with_one_byte_payload_has_exact_bytes()
    {
        // 0x020001 -> 01 00 02; CRC24 0xAC5672 -> 72 56 AC; payload 'A'; CRC32 0xCC476A9B -> 9B 6A 47 CC.
        byte[] expected = [0x01, 0x00, 0x02, 0x72, 0x56, 0xAC, 0x41, 0x9B, 0x6A, 0x47, 0xCC];
        Assert.Equal(expected, Encode("A"u8.ToArray(), selfContained: true, compressed: false));
    }

    [Fact]
    public void Spec_2_1_uncompressed_not_self_contained_max_payload_header_bytes()
    {
        byte[] payload = FramingReference.RandomBytes(SegmentCodec.MaxPayloadLength, 1);
        byte[] segment = Encode(payload, selfContained: false, compressed: false);
        Assert.Equal(6 + payload.Length + 4, segment.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x01, 0x38, 0x91, 0xFE }, segment.AsSpan(0, 6).ToArray());
        Assert.Equal(payload, segment.AsSpan(6, payload.Length).ToArray());
        Assert.Equal(Le32(FramingReference.SeededCrc32Bitwise(payload)), segment.AsSpan(6 + payload.Length).ToArray());
    }

    [Fact]
    public void Spec_2_2_compressed_format_empty_payload_has_exact_bytes()
    {
        // 40-bit fields: compressed 0 | uncompressed 0 << 17 | self-contained bit 34 -> LE 00 00 00 00 04;
        // CRC24 over those 5 bytes = 0x4E413B -> 3B 41 4E; CRC32 of empty payload D3 7E 77 44.
        byte[] expected = [0x00, 0x00, 0x00, 0x00, 0x04, 0x3B, 0x41, 0x4E, 0xD3, 0x7E, 0x77, 0x44];
        Assert.Equal(expected, Encode([], selfContained: true, compressed: true));
    }

    [Fact]
    public void Spec_2_2_compressed_segment_header_bytes_for_compressible_payload()
    {
        byte[] payload = FramingReference.CompressibleBytes(100);
        byte[] segment = Encode(payload, selfContained: true, compressed: true);
        int compressedLength = segment.Length - 8 - 4;
        Assert.InRange(compressedLength, 1, 99);

        ulong fields = (ulong)compressedLength | (100UL << 17) | (1UL << 34);
        byte[] expectedHeader = new byte[8];
        for (int i = 0; i < 5; i++)
        {
            expectedHeader[i] = (byte)(fields >> (8 * i));
        }

        int crc24 = FramingReference.Crc24Bitwise(expectedHeader.AsSpan(0, 5));
        expectedHeader[5] = (byte)crc24;
        expectedHeader[6] = (byte)(crc24 >> 8);
        expectedHeader[7] = (byte)(crc24 >> 16);
        Assert.Equal(expectedHeader, segment.AsSpan(0, 8).ToArray());

        // The payload on the wire is a raw LZ4 block of the original, followed by the seeded CRC32 of that block.
        byte[] block = segment.AsSpan(8, compressedLength).ToArray();
        byte[] decoded = new byte[100];
        Assert.Equal(100, LZ4Codec.Decode(block, decoded));
        Assert.Equal(payload, decoded);
        Assert.Equal(Le32(FramingReference.SeededCrc32Bitwise(block)), segment.AsSpan(8 + compressedLength).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(SegmentCodec.MaxPayloadLength)]
    public void Spec_2_1_uncompressed_round_trip(int size)
    {
        foreach (bool selfContained in new[] { true, false })
        {
            byte[] payload = FramingReference.RandomBytes(size, size);
            byte[] segment = Encode(payload, selfContained, compressed: false);
            Assert.Equal(6 + size + 4, segment.Length);
            (SegmentHeader header, byte[] decoded) = Decode(segment, compressed: false);
            Assert.Equal(size, header.PayloadLength);
            Assert.Equal(0, header.UncompressedLength);
            Assert.False(header.IsCompressed);
            Assert.Equal(selfContained, header.IsSelfContained);
            Assert.Equal(6, header.HeaderLength);
            Assert.Equal(payload, decoded);
            Assert.Equal(payload, SegmentCodec.VerifyPayload(segment, header).ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(SegmentCodec.MaxPayloadLength)]
    public void Spec_2_2_compressed_round_trip_of_compressible_and_random_payloads(int size)
    {
        foreach (bool selfContained in new[] { true, false })
        {
            foreach (byte[] payload in new[] { FramingReference.CompressibleBytes(size), FramingReference.RandomBytes(size, size + 7) })
            {
                byte[] segment = Encode(payload, selfContained, compressed: true);
                Assert.True(segment.Length <= SegmentCodec.GetMaxEncodedLength(size, compressed: true));
                (SegmentHeader header, byte[] decoded) = Decode(segment, compressed: true);
                Assert.Equal(selfContained, header.IsSelfContained);
                Assert.Equal(8, header.HeaderLength);
                Assert.Equal(payload, decoded);
            }
        }
    }

    [Fact]
    public void Spec_2_2_compressible_payload_is_sent_compressed_with_its_uncompressed_length()
    {
        byte[] payload = FramingReference.CompressibleBytes(10_000);
        byte[] segment = Encode(payload, selfContained: true, compressed: true);
        Assert.True(SegmentCodec.TryReadHeader(segment, compressed: true, out SegmentHeader header));
        Assert.True(header.IsCompressed);
        Assert.Equal(10_000, header.UncompressedLength);
        Assert.True(header.PayloadLength < 1_000, $"compressed length {header.PayloadLength}");
        Assert.Equal(header.PayloadLength, segment.Length - 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(SegmentCodec.MaxPayloadLength)]
    public void Spec_2_2_incompressible_payload_is_sent_uncompressed_with_uncompressed_length_0(int size)
    {
        byte[] payload = FramingReference.RandomBytes(size, 99);
        if (size == 2)
        {
            payload = [0x41, 0x41]; // too short to compress even though repetitive
        }

        byte[] segment = Encode(payload, selfContained: true, compressed: true);
        Assert.Equal(8 + size + 4, segment.Length);

        ulong fields = segment[0] | ((ulong)segment[1] << 8) | ((ulong)segment[2] << 16) | ((ulong)segment[3] << 24) | ((ulong)segment[4] << 32);
        Assert.Equal((ulong)size, fields & 0x1FFFF); // compressed length = payload length
        Assert.Equal(0UL, (fields >> 17) & 0x1FFFF); // uncompressed length 0 = "use as is"
        Assert.Equal(1UL, (fields >> 34) & 1);
        Assert.Equal(payload, segment.AsSpan(8, size).ToArray());

        Assert.True(SegmentCodec.TryReadHeader(segment, compressed: true, out SegmentHeader header));
        Assert.False(header.IsCompressed);
        Assert.Equal(size, header.DecodedLength);
    }

    [Fact]
    public void Spec_2_2_reader_accepts_a_stored_payload_from_another_sender()
    {
        // Hand-built LZ4-format segment with uncompressed length 0: the payload must be used as is.
        byte[] payload = "hello"u8.ToArray();
        byte[] segment = new byte[8 + 5 + 4];
        ulong fields = 5UL | (1UL << 34);
        for (int i = 0; i < 5; i++)
        {
            segment[i] = (byte)(fields >> (8 * i));
        }

        int crc24 = FramingReference.Crc24Bitwise(segment.AsSpan(0, 5));
        segment[5] = (byte)crc24;
        segment[6] = (byte)(crc24 >> 8);
        segment[7] = (byte)(crc24 >> 16);
        payload.CopyTo(segment, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(segment.AsSpan(13), FramingReference.SeededCrc32Bitwise(payload));

        (SegmentHeader header, byte[] decoded) = Decode(segment, compressed: true);
        Assert.True(header.IsSelfContained);
        Assert.Equal(payload, decoded);
    }

    [Fact]
    public void Spec_2_1_header_needs_6_bytes_and_2_2_header_needs_8_bytes()
    {
        byte[] segment = Encode([1, 2, 3], selfContained: true, compressed: false);
        Assert.False(SegmentCodec.TryReadHeader(segment.AsSpan(0, 5), compressed: false, out _));
        Assert.True(SegmentCodec.TryReadHeader(segment.AsSpan(0, 6), compressed: false, out SegmentHeader header));
        Assert.Equal(3, header.PayloadLength);
        Assert.Equal(13, header.TotalLength);

        byte[] compressedSegment = Encode([1, 2, 3], selfContained: true, compressed: true);
        Assert.False(SegmentCodec.TryReadHeader(compressedSegment.AsSpan(0, 7), compressed: true, out _));
        Assert.True(SegmentCodec.TryReadHeader(compressedSegment.AsSpan(0, 8), compressed: true, out header));
        Assert.Equal(15, header.TotalLength);
    }

    [Fact]
    public void Spec_2_1_payload_larger_than_2_pow_17_minus_1_is_rejected_by_the_writer()
    {
        byte[] payload = new byte[SegmentCodec.MaxPayloadLength + 1];
        byte[] destination = new byte[payload.Length + 100];
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentCodec.Write(payload, true, false, destination));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentCodec.Write(payload, true, true, destination));
        Assert.Equal(131071, SegmentCodec.MaxPayloadLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_2_1_and_2_2_corrupting_any_header_bit_raises_ProtocolException(bool compressed)
    {
        byte[] segment = Encode(FramingReference.CompressibleBytes(300), selfContained: true, compressed);
        int headerLength = compressed ? 8 : 6;
        for (int bit = 0; bit < headerLength * 8; bit++)
        {
            byte[] corrupt = (byte[])segment.Clone();
            corrupt[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = Assert.Throws<ProtocolException>(() => SegmentCodec.TryReadHeader(corrupt, compressed, out _));
            Assert.Contains("CRC24 mismatch", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_2_1_and_2_2_corrupting_any_payload_or_trailer_byte_raises_ProtocolException(bool compressed)
    {
        byte[] segment = Encode(FramingReference.CompressibleBytes(300), selfContained: true, compressed);
        Assert.True(SegmentCodec.TryReadHeader(segment, compressed, out SegmentHeader header));
        byte[] destination = new byte[header.DecodedLength];
        for (int index = header.HeaderLength; index < segment.Length; index++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] corrupt = (byte[])segment.Clone();
                corrupt[index] ^= mask;
                var error = Assert.Throws<ProtocolException>(() => SegmentCodec.ReadPayload(corrupt, header, destination));
                Assert.Contains("CRC32 mismatch", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Spec_2_2_corrupt_lz4_block_with_valid_checksums_raises_ProtocolException()
    {
        // Claims 1000 uncompressed bytes but the block is garbage; CRC24 and CRC32 are correct.
        byte[] block = [0xF0, 0x01, 0x02, 0x03];
        byte[] segment = new byte[8 + block.Length + 4];
        ulong fields = (ulong)block.Length | (1000UL << 17) | (1UL << 34);
        for (int i = 0; i < 5; i++)
        {
            segment[i] = (byte)(fields >> (8 * i));
        }

        int crc24 = FramingReference.Crc24Bitwise(segment.AsSpan(0, 5));
        segment[5] = (byte)crc24;
        segment[6] = (byte)(crc24 >> 8);
        segment[7] = (byte)(crc24 >> 16);
        block.CopyTo(segment, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(segment.AsSpan(8 + block.Length), FramingReference.SeededCrc32Bitwise(block));

        Assert.True(SegmentCodec.TryReadHeader(segment, compressed: true, out SegmentHeader header));
        Assert.Equal(1000, header.DecodedLength);
        var error = Assert.Throws<ProtocolException>(() => SegmentCodec.ReadPayload(segment, header, new byte[1000]));
        Assert.Contains("LZ4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_2_2_lz4_block_decoding_to_fewer_bytes_than_announced_raises_ProtocolException()
    {
        byte[] original = FramingReference.CompressibleBytes(500);
        byte[] block = new byte[LZ4Codec.MaximumOutputSize(500)];
        int blockLength = LZ4Codec.Encode(original, block);
        block = block.AsSpan(0, blockLength).ToArray();

        byte[] segment = new byte[8 + block.Length + 4];
        ulong fields = (ulong)block.Length | (501UL << 17); // announces one byte more than the block holds
        for (int i = 0; i < 5; i++)
        {
            segment[i] = (byte)(fields >> (8 * i));
        }

        int crc24 = FramingReference.Crc24Bitwise(segment.AsSpan(0, 5));
        segment[5] = (byte)crc24;
        segment[6] = (byte)(crc24 >> 8);
        segment[7] = (byte)(crc24 >> 16);
        block.CopyTo(segment, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(segment.AsSpan(8 + block.Length), FramingReference.SeededCrc32Bitwise(block));

        Assert.True(SegmentCodec.TryReadHeader(segment, compressed: true, out SegmentHeader header));
        Assert.False(header.IsSelfContained);
        Assert.Throws<ProtocolException>(() => SegmentCodec.ReadPayload(segment, header, new byte[501]));
    }

    [Fact]
    public void WriteSegment_into_buffer_writer_matches_span_writer()
    {
        byte[] payload = FramingReference.CompressibleBytes(1234);
        foreach (bool compressed in new[] { false, true })
        {
            var output = new ArrayBufferWriter<byte>();
            int written = SegmentCodec.WriteSegment(payload, selfContained: true, compressed, output);
            Assert.Equal(written, output.WrittenCount);
            Assert.Equal(Encode(payload, selfContained: true, compressed), output.WrittenSpan.ToArray());
        }
    }
}
