using System.Text;
using AsyncCassandra.Protocol.Framing;

namespace AsyncCassandra.Tests.Protocol.Framing;

public class Crc24Tests
{
    [Fact]
    public void Spec_2_1_Crc24_parameters_are_init_0x875060_and_polynomial_0x1974F0B()
    {
        Assert.Equal(0x875060, Crc24.InitialValue);
        Assert.Equal(0x1974F0B, Crc24.Polynomial);
        Assert.Equal(0x875060, Crc24.Compute([]));
    }

    // Fixed vectors, v5 spec §2.1/§2.2. Header fields derived by hand from the spec; the CRC values were computed with
    // an independent bit-at-a-time Python implementation of the §2.1 parameters (and agree with FramingReference).
    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x02 }, 0xC4366A)] // uncompressed, length 0, self-contained (bit 17)
    [InlineData(new byte[] { 0x01, 0x00, 0x02 }, 0xAC5672)] // uncompressed, length 1, self-contained
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, 0x7DE777)] // uncompressed, length 0, not self-contained
    [InlineData(new byte[] { 0xFF, 0xFF, 0x01 }, 0xFE9138)] // uncompressed, length 2^17-1, not self-contained
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x04 }, 0x4E413B)] // LZ4 format, lengths 0/0, self-contained (bit 34)
    [InlineData(new byte[] { 0x0A, 0x00, 0x28, 0x00, 0x04 }, 0x14710B)] // LZ4 format, compressed 10, uncompressed 20, self-contained
    public void Spec_2_1_Crc24_fixed_vectors(byte[] header, int expected)
    {
        Assert.Equal(expected, Crc24.Compute(header));
        Assert.Equal(expected, FramingReference.Crc24Bitwise(header));
    }

    [Fact]
    public void Spec_2_1_Crc24_matches_bitwise_reference_for_random_inputs()
    {
        var random = new Random(24);
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < 200; i++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                Assert.Equal(FramingReference.Crc24Bitwise(data), Crc24.Compute(data));
            }
        }
    }

    [Fact]
    public void Spec_2_1_Crc24_is_24_bits_and_detects_every_single_bit_flip_of_a_header()
    {
        byte[] header = [0x34, 0x12, 0x03, 0x00, 0x04];
        int original = Crc24.Compute(header);
        Assert.InRange(original, 0, 0xFFFFFF);
        for (int bit = 0; bit < header.Length * 8; bit++)
        {
            byte[] flipped = (byte[])header.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc24.Compute(flipped));
        }
    }
}

public class Crc32ChecksumTests
{
    [Fact]
    public void Standard_crc32_check_value_of_123456789_is_0xCBF43926()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32Checksum.ComputeStandard(check));
        Assert.Equal(0xCBF43926u, FramingReference.Crc32Bitwise(check));
    }

    [Fact]
    public void Spec_2_1_payload_crc32_of_empty_payload_is_standard_crc32_of_seed_FA2D55CA()
    {
        byte[] seed = [0xFA, 0x2D, 0x55, 0xCA];
        Assert.Equal(seed, Crc32Checksum.Seed.ToArray());
        uint reference = FramingReference.Crc32Bitwise(seed);
        Assert.Equal(0x44777ED3u, reference); // zlib.crc32(b'\xfa\x2d\x55\xca')
        Assert.Equal(reference, Crc32Checksum.Compute([]));
        Assert.Equal(Crc32Checksum.ComputeStandard(seed), Crc32Checksum.Compute([]));
    }

    [Fact]
    public void Spec_2_1_payload_crc32_is_seeded_known_answers()
    {
        // zlib.crc32(b'\xfa\x2d\x55\xca' + payload)
        Assert.Equal(0xCC476A9Bu, Crc32Checksum.Compute("A"u8));
        Assert.Equal(0xE2A261A7u, Crc32Checksum.Compute("123456789"u8));
        Assert.NotEqual(Crc32Checksum.ComputeStandard("123456789"u8), Crc32Checksum.Compute("123456789"u8));
    }

    [Fact]
    public void Spec_2_1_payload_crc32_matches_bitwise_reference_at_every_length_and_alignment()
    {
        byte[] data = FramingReference.RandomBytes(1100, 32);
        for (int offset = 0; offset < 8; offset++)
        {
            for (int length = 0; length <= 70; length++)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(offset, length);
                Assert.Equal(FramingReference.SeededCrc32Bitwise(slice), Crc32Checksum.Compute(slice));
                Assert.Equal(FramingReference.Crc32Bitwise(slice), Crc32Checksum.ComputeStandard(slice));
            }
        }

        Assert.Equal(FramingReference.SeededCrc32Bitwise(data), Crc32Checksum.Compute(data));
        byte[] max = FramingReference.RandomBytes(SegmentCodec.MaxPayloadLength, 33);
        Assert.Equal(FramingReference.SeededCrc32Bitwise(max), Crc32Checksum.Compute(max));
    }
}
