using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>The [option] type descriptions of result metadata: v3/v4/v5 §4.2.5.2 (option id table).</summary>
public class CqlTypeTests
{
    private static CqlType Read(byte[] bytes, out int remaining)
    {
        var reader = new CqlReader(bytes);
        CqlType type = CqlType.Read(ref reader);
        remaining = reader.Remaining;
        return type;
    }

    private static CqlType Read(string hex)
    {
        CqlType type = Read(Hex.Bytes(hex), out int remaining);
        Assert.Equal(0, remaining);
        return type;
    }

    [Theory]
    [InlineData("0001", CqlTypeCode.Ascii, "ascii")]
    [InlineData("0002", CqlTypeCode.Bigint, "bigint")]
    [InlineData("0003", CqlTypeCode.Blob, "blob")]
    [InlineData("0004", CqlTypeCode.Boolean, "boolean")]
    [InlineData("0005", CqlTypeCode.Counter, "counter")]
    [InlineData("0006", CqlTypeCode.Decimal, "decimal")]
    [InlineData("0007", CqlTypeCode.Double, "double")]
    [InlineData("0008", CqlTypeCode.Float, "float")]
    [InlineData("0009", CqlTypeCode.Int, "int")]
    [InlineData("000B", CqlTypeCode.Timestamp, "timestamp")]
    [InlineData("000C", CqlTypeCode.Uuid, "uuid")]
    [InlineData("000D", CqlTypeCode.Varchar, "text")]
    [InlineData("000E", CqlTypeCode.Varint, "varint")]
    [InlineData("000F", CqlTypeCode.Timeuuid, "timeuuid")]
    [InlineData("0010", CqlTypeCode.Inet, "inet")]
    [InlineData("0011", CqlTypeCode.Date, "date")]
    [InlineData("0012", CqlTypeCode.Time, "time")]
    [InlineData("0013", CqlTypeCode.Smallint, "smallint")]
    [InlineData("0014", CqlTypeCode.Tinyint, "tinyint")]
    [InlineData("0015", CqlTypeCode.Duration, "duration")] // v5
    public void Spec_4_2_5_2_native_option_ids(string hex, CqlTypeCode code, string cql)
    {
        CqlType type = Read(hex);
        Assert.Equal(code, type.Code);
        Assert.Empty(type.Arguments);
        Assert.Equal(cql, type.ToString());
        Assert.Same(CqlType.Native(code), type);
    }

    [Fact]
    public void Spec_4_2_5_2_custom_option_carries_the_class_name_string()
    {
        CqlType type = Read("0000 0028 6F72672E6170616368652E63617373616E6472612E64622E6D61727368616C2E4C6F6E6754797065");
        Assert.Equal(CqlTypeCode.Custom, type.Code);
        Assert.Equal("org.apache.cassandra.db.marshal.LongType", type.CustomName);
        Assert.Equal("'org.apache.cassandra.db.marshal.LongType'", type.ToString());
    }

    [Fact]
    public void Spec_4_2_5_2_list_set_map_take_their_element_options()
    {
        CqlType list = Read("0020 0009");
        Assert.Equal(CqlTypeCode.List, list.Code);
        Assert.Equal(CqlType.Int, Assert.Single(list.Arguments));
        Assert.True(list.IsCollection);

        CqlType set = Read("0022 000C");
        Assert.Equal(CqlTypeCode.Set, set.Code);
        Assert.Equal("set<uuid>", set.ToString());

        CqlType map = Read("0021 000D 0002");
        Assert.Equal(CqlTypeCode.Map, map.Code);
        Assert.Equal([CqlType.Text, CqlType.Bigint], map.Arguments);
    }

    [Fact]
    public void Spec_4_2_5_2_nested_list_of_map_of_text_to_frozen_tuple_of_int_and_text()
    {
        // list< map< text, frozen< tuple<int, text> > > >: 0x0020 [0x0021 [0x000D] [0x0031 n=2 [0x0009] [0x000D]]]
        CqlType type = Read("0020 0021 000D 0031 0002 0009 000D");
        Assert.Equal(CqlTypeCode.List, type.Code);
        CqlType map = Assert.Single(type.Arguments);
        Assert.Equal(CqlTypeCode.Map, map.Code);
        Assert.Equal(CqlType.Text, map.Arguments[0]);
        CqlType tuple = map.Arguments[1];
        Assert.Equal(CqlTypeCode.Tuple, tuple.Code);
        Assert.Equal([CqlType.Int, CqlType.Text], tuple.Arguments);
        Assert.False(tuple.IsCollection);
        Assert.Equal("list<map<text, tuple<int, text>>>", type.ToString());
        Assert.Equal(CqlType.List(CqlType.Map(CqlType.Text, CqlType.Tuple(CqlType.Int, CqlType.Text))), type);
    }

    [Fact]
    public void Spec_4_2_5_2_udt_is_keyspace_name_then_short_n_field_name_and_type_pairs()
    {
        // <ks>"ks" <udt_name>"address" <n>=2 <name_1>"street" <type_1>text <name_2>"zip" <type_2>int
        CqlType type = Read("0030 0002 6B73 0007 61646472657373 0002  0006 737472656574 000D  0003 7A6970 0009");
        Assert.Equal(CqlTypeCode.Udt, type.Code);
        Assert.Equal("ks", type.Keyspace);
        Assert.Equal("address", type.Name);
        Assert.Equal(["street", "zip"], type.FieldNames);
        Assert.Equal([CqlType.Text, CqlType.Int], type.Arguments);
        Assert.Equal("ks.address", type.ToString());
        Assert.Equal(CqlType.Udt("ks", "address", ["street", "zip"], [CqlType.Text, CqlType.Int]), type);
    }

    [Fact]
    public void Spec_4_2_5_2_udt_nested_in_a_set_and_a_udt_field()
    {
        // set< frozen<ks.outer> > where outer has one field "in" of type frozen<ks.inner{v int}>
        CqlType type = Read("0022 0030 0002 6B73 0005 6F75746572 0001 0002 696E  0030 0002 6B73 0005 696E6E6572 0001 0001 76 0009");
        CqlType outer = Assert.Single(type.Arguments);
        Assert.Equal("outer", outer.Name);
        CqlType inner = Assert.Single(outer.Arguments);
        Assert.Equal("inner", inner.Name);
        Assert.Equal(["v"], inner.FieldNames);
        Assert.Equal(CqlType.Int, Assert.Single(inner.Arguments));
    }

    [Fact]
    public void Spec_4_2_5_2_tuple_with_zero_components()
    {
        CqlType type = Read("0031 0000");
        Assert.Equal(CqlTypeCode.Tuple, type.Code);
        Assert.Empty(type.Arguments);
    }

    [Theory]
    [InlineData("000A")] // the gap in the table (no 0x000A type)
    [InlineData("0016")] // after duration
    [InlineData("001F")]
    [InlineData("0023")] // after set
    [InlineData("0032")] // after tuple
    [InlineData("FFFF")]
    [InlineData("0020 0017")] // unknown element type
    public void Spec_4_2_5_2_unknown_option_id_is_a_ProtocolException(string hex)
    {
        byte[] bytes = Hex.Bytes(hex);
        var ex = Assert.Throws<ProtocolException>(() => Read(bytes, out _));
        Assert.Contains("option id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0020")] // list without its element
    [InlineData("0021 000D")] // map without its value type
    [InlineData("0031 0002 0009")] // tuple with one of two components
    [InlineData("0030 0002 6B73")] // udt cut after the keyspace
    [InlineData("0000 0005 6162")] // custom class name cut short
    public void Spec_4_2_5_2_truncated_option_is_a_ProtocolException(string hex)
    {
        byte[] bytes = Hex.Bytes(hex);
        Assert.Throws<ProtocolException>(() => Read(bytes, out _));
    }

    [Fact]
    public void Absurdly_deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        byte[] bytes = new byte[2 * 1000 + 2];
        for (int i = 0; i < 1000; i++)
        {
            bytes[2 * i + 1] = 0x20; // list<list<...
        }

        bytes[^1] = 0x09;
        Assert.Throws<ProtocolException>(() => Read(bytes, out _));
    }

    [Fact]
    public void Spec_4_2_5_2_option_written_back_has_the_same_bytes()
    {
        byte[] expected = Hex.Bytes("0020 0021 000D 0031 0002 0009 000D");
        CqlType type = CqlType.List(CqlType.Map(CqlType.Text, CqlType.Tuple(CqlType.Int, CqlType.Text)));
        Assert.Equal(expected, Wire.Write(type.Write));
        byte[] udt = Hex.Bytes("0030 0002 6B73 0001 70 0001 0001 78 0002");
        Assert.Equal(udt, Wire.Write(CqlType.Udt("ks", "p", ["x"], [CqlType.Bigint]).Write));
    }

    [Fact]
    public void Native_rejects_parameterized_codes()
    {
        Assert.Throws<ArgumentException>(() => CqlType.Native(CqlTypeCode.List));
        Assert.Throws<ArgumentException>(() => CqlType.Native(CqlTypeCode.Custom));
    }

    [Fact]
    public void Types_compare_structurally()
    {
        Assert.Equal(CqlType.Map(CqlType.Text, CqlType.Int), CqlType.Map(CqlType.Text, CqlType.Int));
        Assert.NotEqual(CqlType.Map(CqlType.Text, CqlType.Int), CqlType.Map(CqlType.Int, CqlType.Text));
        Assert.NotEqual(CqlType.List(CqlType.Int), CqlType.Set(CqlType.Int));
        Assert.NotEqual(
            CqlType.Udt("ks", "a", ["x"], [CqlType.Int]),
            CqlType.Udt("ks", "a", ["y"], [CqlType.Int]));
    }
}
