using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>[unsigned vint] and zig-zag [vint] of v5 §3.</summary>
public class VIntTests
{
    private static ulong ReadUnsigned(byte[] bytes, out int consumed)
    {
        int offset = 0;
        ulong value = VInt.ReadUnsigned(bytes, ref offset);
        consumed = offset;
        return value;
    }

    [Theory]
    // v5 §3: "256 000 will be encoded on 3 bytes as [110]00011 11101000 00000000"
    [InlineData(256000UL, "C3E800")]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")] // largest 1-byte value: 7 bits
    [InlineData(128UL, "8080")] // 10|000000 10000000
    [InlineData(16383UL, "BFFF")] // largest 2-byte value: 14 bits
    [InlineData(16384UL, "C04000")]
    [InlineData(2097151UL, "DFFFFF")] // 21 bits
    [InlineData(2097152UL, "E0200000")]
    [InlineData(72057594037927935UL, "FEFFFFFFFFFFFFFF")] // 2^56 - 1: 8 bytes, first byte 11111110
    [InlineData(72057594037927936UL, "FF0100000000000000")] // 2^56: 9 bytes, first byte 11111111
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF")] // "If the encoded integer is 8 bytes long ... the first byte will be 11111111"
    public void Spec_v5_3_unsigned_vint_leading_ones_count_the_extra_bytes(ulong value, string hex)
    {
        byte[] expected = Hex.Bytes(hex);
        Assert.Equal(expected, Wire.Write(w => VInt.WriteUnsigned(value, w)));
        Assert.Equal(value, ReadUnsigned(expected, out int consumed));
        Assert.Equal(expected.Length, consumed);
    }

    [Theory]
    // v5 §3: "0 = 0, -1 = 1, 1 = 2, -2 = 3, 2 = 4, -3 = 5, 3 = 6"
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-3L, "05")]
    [InlineData(3L, "06")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8080")]
    [InlineData(long.MaxValue, "FFFFFFFFFFFFFFFFFE")] // zig-zag 2^64 - 2
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF")] // zig-zag 2^64 - 1
    public void Spec_v5_3_signed_vint_is_zigzag_then_unsigned_vint(long value, string hex)
    {
        byte[] expected = Hex.Bytes(hex);
        Assert.Equal(expected, Wire.Write(w => VInt.WriteSigned(value, w)));
        int offset = 0;
        Assert.Equal(value, VInt.ReadSigned(expected, ref offset));
        Assert.Equal(expected.Length, offset);
    }

    [Fact]
    public void Consecutive_vints_are_read_from_the_running_offset()
    {
        byte[] bytes = Hex.Bytes("C3E800 7F 8080 AA");
        int offset = 0;
        Assert.Equal(256000UL, VInt.ReadUnsigned(bytes, ref offset));
        Assert.Equal(127UL, VInt.ReadUnsigned(bytes, ref offset));
        Assert.Equal(128UL, VInt.ReadUnsigned(bytes, ref offset));
        Assert.Equal(6, offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")] // announces 1 extra byte
    [InlineData("C3E8")] // announces 2 extra bytes
    [InlineData("FFFFFFFFFFFFFFFF")] // announces 8 extra bytes, has 7
    public void Spec_v5_3_truncated_vint_is_a_ProtocolException(string hex)
    {
        byte[] bytes = Hex.Bytes(hex);
        Assert.Throws<ProtocolException>(() => ReadUnsigned(bytes, out _));
    }
}
