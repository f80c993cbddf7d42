using System.Net;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>Reading the notations of spec §3 (v3/v4/v5 alike; [inetaddr] is v5 §3).</summary>
public class CqlReaderTests
{
    [Fact]
    public void Spec_3_int_is_4_bytes_big_endian_signed()
    {
        var reader = new CqlReader(Hex.Bytes("12345678 FFFFFFFE"));
        Assert.Equal(0x12345678, reader.ReadInt());
        Assert.Equal(-2, reader.ReadInt());
        Assert.Equal(0, reader.Remaining);
        Assert.Equal(8, reader.Position);
    }

    [Fact]
    public void Spec_3_long_is_8_bytes_big_endian_signed()
    {
        var reader = new CqlReader(Hex.Bytes("0102030405060708 8000000000000000"));
        Assert.Equal(0x0102030405060708L, reader.ReadLong());
        Assert.Equal(long.MinValue, reader.ReadLong());
    }

    [Fact]
    public void Spec_3_short_is_2_bytes_big_endian_unsigned()
    {
        var reader = new CqlReader(Hex.Bytes("FFFF 0102 8000"));
        Assert.Equal((ushort)0xFFFF, reader.ReadUShort());
        Assert.Equal((short)0x0102, reader.ReadShort());
        Assert.Equal((ushort)32768, reader.ReadUShort());
    }

    [Fact]
    public void Spec_3_string_is_short_length_then_utf8()
    {
        var reader = new CqlReader(Hex.Bytes("0005 68656C6C6F 0000"));
        Assert.Equal("hello", reader.ReadString());
        Assert.Equal(string.Empty, reader.ReadString());
    }

    [Fact]
    public void Spec_3_string_length_counts_utf8_bytes_of_multibyte_characters()
    {
        // é = C3 A9, € = E2 82 AC, 😀 = F0 9F 98 80: 9 bytes, 3 user-visible characters.
        var reader = new CqlReader(Hex.Bytes("0009 C3A9 E282AC F09F9880 FF"));
        Assert.Equal("é€😀", reader.ReadString());
        Assert.Equal(1, reader.Remaining);
    }

    [Fact]
    public void Spec_3_string_length_is_unsigned_so_32768_bytes_are_allowed()
    {
        byte[] body = new byte[2 + 32768];
        body[0] = 0x80;
        body.AsSpan(2).Fill((byte)'a');
        var reader = new CqlReader(body);
        Assert.Equal(new string('a', 32768), reader.ReadString());
    }

    [Fact]
    public void Spec_3_long_string_is_int_length_then_utf8()
    {
        var reader = new CqlReader(Hex.Bytes("00000005 C3A9 E282AC"));
        Assert.Equal("é€", reader.ReadLongString());
    }

    [Fact]
    public void Spec_3_long_string_with_negative_length_is_malformed()
    {
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(Hex.Bytes("FFFFFFFF"));
            reader.ReadLongString();
        });
    }

    [Fact]
    public void Spec_3_bytes_with_negative_length_is_null_and_zero_length_is_empty()
    {
        var reader = new CqlReader(Hex.Bytes("00000002 CAFE FFFFFFFF 00000000 80000000"));
        Assert.Equal(Hex.Bytes("CAFE"), reader.ReadBytes());
        Assert.Null(reader.ReadBytes());
        byte[]? empty = reader.ReadBytes();
        Assert.NotNull(empty);
        Assert.Empty(empty);
        Assert.Null(reader.ReadBytes()); // any n < 0 is null (§3 [bytes])
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Spec_3_value_slot_reports_null_minus_1_and_unset_minus_2_without_consuming_bytes()
    {
        var reader = new CqlReader(Hex.Bytes("00000001 AA FFFFFFFF FFFFFFFE 01"));
        Assert.Equal(4, reader.ReadValueSlot(out int first));
        Assert.Equal(1, first);
        Assert.Equal(9, reader.ReadValueSlot(out int nullLength));
        Assert.Equal(-1, nullLength);
        Assert.Equal(13, reader.ReadValueSlot(out int unsetLength));
        Assert.Equal(-2, unsetLength);
        Assert.Equal(1, reader.Remaining);
    }

    [Fact]
    public void Spec_3_value_length_below_minus_2_is_invalid()
    {
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(Hex.Bytes("FFFFFFFD"));
            reader.ReadValueSlot(out _);
        });
    }

    [Fact]
    public void Spec_3_short_bytes_is_short_length_then_bytes()
    {
        var reader = new CqlReader(Hex.Bytes("0003 010203 0000"));
        Assert.Equal(Hex.Bytes("010203"), reader.ReadShortBytes());
        Assert.Empty(reader.ReadShortBytes());
    }

    [Fact]
    public void Spec_3_string_list()
    {
        var reader = new CqlReader(Hex.Bytes("0002 0001 61 0002 6263"));
        Assert.Equal(["a", "bc"], reader.ReadStringList());
    }

    [Fact]
    public void Spec_3_string_multimap()
    {
        // {"COMPRESSION": ["lz4", "snappy"], "CQL_VERSION": ["3.0.0"]}
        byte[] body = new Body()
            .Short(2)
            .String("COMPRESSION").StringList("lz4", "snappy")
            .String("CQL_VERSION").StringList("3.0.0")
            .ToArray();
        var reader = new CqlReader(body);
        Dictionary<string, List<string>> map = reader.ReadStringMultimap();
        Assert.Equal(2, map.Count);
        Assert.Equal(["lz4", "snappy"], map["COMPRESSION"]);
        Assert.Equal(["3.0.0"], map["CQL_VERSION"]);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Spec_3_string_multimap_exact_bytes()
    {
        var reader = new CqlReader(Hex.Bytes("0001 0001 6B 0002 0001 78 0001 79"));
        Dictionary<string, List<string>> map = reader.ReadStringMultimap();
        Assert.Equal(["x", "y"], map["k"]);
    }

    [Fact]
    public void Spec_3_bytes_map_v4()
    {
        var reader = new CqlReader(Hex.Bytes("0002 0001 61 00000001 FF 0001 62 FFFFFFFF"));
        Dictionary<string, byte[]?> map = reader.ReadBytesMap();
        Assert.Equal(Hex.Bytes("FF"), map["a"]);
        Assert.Null(map["b"]);
    }

    [Fact]
    public void Spec_3_inet_v4_is_size_4_address_then_int_port()
    {
        var reader = new CqlReader(Hex.Bytes("04 7F000001 00002352"));
        IPEndPoint endpoint = reader.ReadInet();
        Assert.Equal(IPAddress.Parse("127.0.0.1"), endpoint.Address);
        Assert.Equal(9042, endpoint.Port);
    }

    [Fact]
    public void Spec_3_inet_v6_is_size_16_address_then_int_port()
    {
        var reader = new CqlReader(Hex.Bytes("10 20010DB8000000000000000000000001 00002353"));
        IPEndPoint endpoint = reader.ReadInet();
        Assert.Equal(IPAddress.Parse("2001:db8::1"), endpoint.Address);
        Assert.Equal(9043, endpoint.Port);
    }

    [Fact]
    public void Spec_v5_3_inetaddr_has_no_port()
    {
        var reader = new CqlReader(Hex.Bytes("04 0A000002 AA"));
        Assert.Equal(IPAddress.Parse("10.0.0.2"), reader.ReadInetAddr());
        Assert.Equal(1, reader.Remaining);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("05 0102030405")]
    [InlineData("06 010203040506")]
    public void Spec_3_inet_size_other_than_4_or_16_is_malformed(string hex)
    {
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(Hex.Bytes(hex + " 00002352"));
            reader.ReadInet();
        });
    }

    [Theory]
    [InlineData("0000", ConsistencyLevel.Any)]
    [InlineData("0001", ConsistencyLevel.One)]
    [InlineData("0002", ConsistencyLevel.Two)]
    [InlineData("0003", ConsistencyLevel.Three)]
    [InlineData("0004", ConsistencyLevel.Quorum)]
    [InlineData("0005", ConsistencyLevel.All)]
    [InlineData("0006", ConsistencyLevel.LocalQuorum)]
    [InlineData("0007", ConsistencyLevel.EachQuorum)]
    [InlineData("0008", ConsistencyLevel.Serial)]
    [InlineData("0009", ConsistencyLevel.LocalSerial)]
    [InlineData("000A", ConsistencyLevel.LocalOne)]
    public void Spec_3_consistency_codes(string hex, ConsistencyLevel expected)
    {
        var reader = new CqlReader(Hex.Bytes(hex));
        Assert.Equal(expected, reader.ReadConsistency());
    }

    [Fact]
    public void Spec_3_uuid_is_16_bytes_in_rfc_order()
    {
        var reader = new CqlReader(Hex.Bytes("00112233445566778899AABBCCDDEEFF"));
        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), reader.ReadUuid());
    }

    [Theory]
    [InlineData("byte", "")]
    [InlineData("short", "01")]
    [InlineData("int", "010203")]
    [InlineData("long", "01020304050607")]
    [InlineData("string", "0005 616263")]
    [InlineData("string", "00")]
    [InlineData("longstring", "00000004 616263")]
    [InlineData("bytes", "00000005 01")]
    [InlineData("bytes", "7FFFFFFF 01")] // huge length must not overflow into an index error
    [InlineData("bytes", "000000")]
    [InlineData("value", "00000002 01")]
    [InlineData("shortbytes", "0002 01")]
    [InlineData("stringlist", "0002 0001 61")]
    [InlineData("multimap", "0001 0001 6B 0001")]
    [InlineData("bytesmap", "0001 0001 6B 00000002 01")]
    [InlineData("inet", "04 7F0000")]
    [InlineData("inet", "04 7F000001 0000")]
    [InlineData("inet", "10 00000000")]
    [InlineData("uuid", "00112233445566778899AABBCCDDEE")]
    [InlineData("consistency", "00")]
    [InlineData("skip", "0102")]
    public void Spec_3_truncated_input_raises_ProtocolException_never_an_index_error(string what, string hex)
    {
        byte[] data = Hex.Bytes(hex);
        Exception? ex = Record.Exception(() =>
        {
            var reader = new CqlReader(data);
            switch (what)
            {
                case "byte": reader.ReadByte(); break;
                case "short": reader.ReadShort(); break;
                case "int": reader.ReadInt(); break;
                case "long": reader.ReadLong(); break;
                case "string": reader.ReadString(); break;
                case "longstring": reader.ReadLongString(); break;
                case "bytes": reader.ReadBytes(); break;
                case "value": reader.ReadValueSlot(out _); break;
                case "shortbytes": reader.ReadShortBytes(); break;
                case "stringlist": reader.ReadStringList(); break;
                case "multimap": reader.ReadStringMultimap(); break;
                case "bytesmap": reader.ReadBytesMap(); break;
                case "inet": reader.ReadInet(); break;
                case "uuid": reader.ReadUuid(); break;
                case "consistency": reader.ReadConsistency(); break;
                case "skip": reader.Skip(3); break;
                default: throw new ArgumentOutOfRangeException(nameof(what));
            }
        });
        Assert.IsType<ProtocolException>(ex);
    }

    [Fact]
    public void Spec_1_trailing_bytes_are_left_for_the_caller_to_ignore()
    {
        var reader = new CqlReader(Hex.Bytes("00000001 DEADBEEF"));
        Assert.Equal(1, reader.ReadInt());
        Assert.Equal(4, reader.Remaining);
        Assert.Equal(Hex.Bytes("DEADBEEF"), reader.RemainingSpan.ToArray());
    }
}
