using System.Buffers;
using System.Buffers.Binary;
using AsyncCassandra.Protocol.Framing;
using K4os.Compression.LZ4;

namespace AsyncCassandra.Tests.Protocol.Framing;

/// <summary>v4 spec §5: an LZ4-compressed frame body is a 4-byte big-endian uncompressed length, then an LZ4 block.</summary>
public class Lz4BodyCompressorTests
{
    private static byte[] Compress(byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        int written = Lz4BodyCompressor.Compress(body, output);
        Assert.Equal(output.WrittenCount, written);
        Assert.True(written <= Lz4BodyCompressor.GetMaxCompressedLength(body.Length));
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        Lz4BodyCompressor.Decompress(compressed, out byte[] buffer, out int length);
        try
        {
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(300_000)]
    public void Spec_v4_5_round_trip_with_big_endian_length_prefix(int size)
    {
        foreach (byte[] body in new[] { FramingReference.CompressibleBytes(size), FramingReference.RandomBytes(size, size) })
        {
            byte[] compressed = Compress(body);
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(compressed));

            // The rest is a plain LZ4 block that any LZ4 implementation decodes.
            byte[] decodedByLz4 = new byte[size];
            Assert.Equal(size, LZ4Codec.Decode(compressed.AsSpan(4), decodedByLz4));
            Assert.Equal(body, decodedByLz4);

            Assert.Equal(body, Decompress(compressed));
        }
    }

    [Fact]
    public void Spec_v4_5_length_prefix_bytes_are_big_endian()
    {
        byte[] compressed = Compress(FramingReference.CompressibleBytes(1000));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x03, 0xE8 }, compressed.AsSpan(0, 4).ToArray());
        Assert.True(compressed.Length < 200, $"compressed to {compressed.Length} bytes");
    }

    [Fact]
    public void Spec_v4_5_empty_body_is_length_0_and_the_empty_lz4_block()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, Compress([]));
        Assert.Empty(Decompress([0, 0, 0, 0, 0]));
        Assert.Empty(Decompress([0, 0, 0, 0]));
        Assert.Throws<ProtocolException>(() => Decompress([0, 0, 0, 0, 0x10, 0x41]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x00, 0x00, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x00 })] // -1
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x01, 0x00 })] // 256 MiB + 1
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 0x00 })] // 2 GiB - 1
    public void Spec_v4_5_truncated_prefix_or_absurd_length_raises_ProtocolException(byte[] compressed)
    {
        Assert.Throws<ProtocolException>(() => Decompress(compressed));
    }

    [Fact]
    public void Spec_v4_5_corrupt_or_mismatched_block_raises_ProtocolException()
    {
        byte[] body = FramingReference.CompressibleBytes(5000);
        byte[] compressed = Compress(body);

        byte[] truncated = compressed.AsSpan(0, compressed.Length - 3).ToArray();
        Assert.Throws<ProtocolException>(() => Decompress(truncated));

        byte[] announcesMore = (byte[])compressed.Clone();
        BinaryPrimitives.WriteInt32BigEndian(announcesMore, 5001);
        Assert.Throws<ProtocolException>(() => Decompress(announcesMore));

        byte[] announcesLess = (byte[])compressed.Clone();
        BinaryPrimitives.WriteInt32BigEndian(announcesLess, 4999);
        Assert.Throws<ProtocolException>(() => Decompress(announcesLess));

        byte[] garbage = [0x00, 0x00, 0x10, 0x00, 0xF0, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Throws<ProtocolException>(() => Decompress(garbage));
    }
}
