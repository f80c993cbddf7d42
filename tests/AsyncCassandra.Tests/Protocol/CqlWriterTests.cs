using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>Writing the notations of spec §3, big-endian.</summary>
public class CqlWriterTests
{
    [Fact]
    public void Spec_3_byte_short_int_long_are_big_endian()
    {
        byte[] bytes = Wire.Write(w =>
        {
            w.WriteByte(0xAB);
            w.WriteShort(-2);
            w.WriteUShort(0x8001);
            w.WriteInt(0x01020304);
            w.WriteInt(-1);
            w.WriteLong(0x0102030405060708L);
            w.WriteLong(long.MinValue);
        });
        Assert.Equal(Hex.Bytes("AB FFFE 8001 01020304 FFFFFFFF 0102030405060708 8000000000000000"), bytes);
    }

    [Fact]
    public void Spec_3_string_ascii()
    {
        Assert.Equal(Hex.Bytes("0005 68656C6C6F"), Wire.Write(w => w.WriteString("hello")));
        Assert.Equal(Hex.Bytes("0000"), Wire.Write(w => w.WriteString(string.Empty)));
    }

    [Fact]
    public void Spec_3_string_length_is_the_utf8_byte_count()
    {
        // é = C3 A9, € = E2 82 AC, 😀 (a surrogate pair in UTF-16) = F0 9F 98 80.
        Assert.Equal(Hex.Bytes("0009 C3A9 E282AC F09F9880"), Wire.Write(w => w.WriteString("é€😀")));
    }

    [Fact]
    public void Spec_3_string_longer_than_65535_utf8_bytes_is_refused()
    {
        // 30000 'é' = 60000 bytes fits; 33000 'é' = 66000 bytes does not fit a [short].
        byte[] ok = Wire.Write(w => w.WriteString(new string('é', 30000)));
        Assert.Equal(Hex.Bytes("EA60"), ok.AsSpan(0, 2).ToArray());
        Assert.Equal(60002, ok.Length);
        Assert.Throws<ArgumentException>(() => Wire.Write(w => w.WriteString(new string('é', 33000))));
    }

    [Fact]
    public void Spec_3_long_string_is_int_length_then_utf8()
    {
        Assert.Equal(Hex.Bytes("00000005 C3A9 E282AC"), Wire.Write(w => w.WriteLongString("é€")));
        Assert.Equal(Hex.Bytes("00000000"), Wire.Write(w => w.WriteLongString(string.Empty)));
    }

    [Fact]
    public void Spec_3_bytes_null_value_and_unset_value()
    {
        Assert.Equal(Hex.Bytes("00000002 CAFE"), Wire.Write(w => w.WriteBytes(Hex.Bytes("CAFE"))));
        Assert.Equal(Hex.Bytes("00000000"), Wire.Write(w => w.WriteBytes([])));
        Assert.Equal(Hex.Bytes("FFFFFFFF"), Wire.Write(w => w.WriteNullValue()));
        Assert.Equal(Hex.Bytes("FFFFFFFE"), Wire.Write(w => w.WriteUnsetValue())); // v4 §3 [value] n == -2
    }

    [Fact]
    public void Spec_3_short_bytes()
    {
        Assert.Equal(Hex.Bytes("0003 010203"), Wire.Write(w => w.WriteShortBytes(Hex.Bytes("010203"))));
        Assert.Equal(Hex.Bytes("0000"), Wire.Write(w => w.WriteShortBytes([])));
    }

    [Fact]
    public void Spec_3_string_list()
    {
        Assert.Equal(Hex.Bytes("0002 0001 61 0002 6263"), Wire.Write(w => w.WriteStringList(["a", "bc"])));
        Assert.Equal(Hex.Bytes("0000"), Wire.Write(w => w.WriteStringList([])));
    }

    [Fact]
    public void Spec_3_string_map()
    {
        byte[] bytes = Wire.Write(w => w.WriteStringMap([new("CQL_VERSION", "3.0.0"), new("COMPRESSION", "lz4")]));
        Assert.Equal(
            Hex.Bytes("0002 000B 43514C5F56455253494F4E 0005 332E302E30 000B 434F4D5052455353494F4E 0003 6C7A34"),
            bytes);
    }

    [Theory]
    [InlineData(ConsistencyLevel.Any, "0000")]
    [InlineData(ConsistencyLevel.One, "0001")]
    [InlineData(ConsistencyLevel.Quorum, "0004")]
    [InlineData(ConsistencyLevel.All, "0005")]
    [InlineData(ConsistencyLevel.LocalQuorum, "0006")]
    [InlineData(ConsistencyLevel.EachQuorum, "0007")]
    [InlineData(ConsistencyLevel.Serial, "0008")]
    [InlineData(ConsistencyLevel.LocalSerial, "0009")]
    [InlineData(ConsistencyLevel.LocalOne, "000A")]
    public void Spec_3_consistency_is_a_short(ConsistencyLevel level, string expected)
    {
        Assert.Equal(Hex.Bytes(expected), Wire.Write(w => w.WriteConsistency(level)));
    }

    [Fact]
    public void Spec_3_value_begun_and_ended_gets_its_int_length_patched()
    {
        byte[] bytes = Wire.Write(w =>
        {
            w.WriteByte(0x07);
            int mark = w.BeginValue();
            w.WriteRaw(Hex.Bytes("0A0B0C"));
            w.EndValue(mark);
            int empty = w.BeginValue();
            w.EndValue(empty);
        });
        Assert.Equal(Hex.Bytes("07 00000003 0A0B0C 00000000"), bytes);
    }

    [Fact]
    public void Growing_past_the_initial_buffer_keeps_every_byte()
    {
        byte[] bytes = Wire.Write(w =>
        {
            for (int i = 0; i < 1000; i++)
            {
                w.WriteInt(i);
            }
        });
        Assert.Equal(4000, bytes.Length);
        Assert.Equal(Hex.Bytes("00000000 00000001 00000002"), bytes.AsSpan(0, 12).ToArray());
        Assert.Equal(Hex.Bytes("000003E7"), bytes.AsSpan(3996).ToArray());
    }

    [Fact]
    public void Reset_forgets_what_was_written()
    {
        using var writer = new CqlWriter();
        writer.WriteInt(1);
        writer.Reset();
        writer.WriteShort(2);
        Assert.Equal(Hex.Bytes("0002"), writer.WrittenSpan.ToArray());
        Assert.Equal(2, writer.Length);
    }
}
