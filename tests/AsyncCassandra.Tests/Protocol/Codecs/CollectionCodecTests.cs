using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>
/// list/set/map (v3/v4 §6.11-6.13, v5 §5.12-5.14: an [int] count then [bytes] elements), tuple (v4 §6.20, v5 §5.21)
/// and UDT values (v4 §7, v5 §6).
/// </summary>
public class CollectionCodecTests
{
    [Fact]
    public void Spec_5_12_list_int_is_int_count_then_bytes_elements()
    {
        byte[] expected = Hex.Bytes("00000002  00000004 00000001  00000004 00000002");
        CqlCodec<List<int>> codec = CqlCodecs.List(CqlCodecs.Int32);
        Assert.Equal(expected, Wire.Encode(codec, [1, 2]));
        Assert.Equal([1, 2], codec.Read(expected));
    }

    [Fact]
    public void Spec_5_12_empty_list_is_a_zero_count()
    {
        CqlCodec<List<int>> codec = CqlCodecs.List(CqlCodecs.Int32);
        Assert.Equal(Hex.Bytes("00000000"), Wire.Encode(codec, []));
        Assert.Empty(codec.Read(Hex.Bytes("00000000")));
    }

    [Fact]
    public void Spec_5_14_set_text()
    {
        byte[] expected = Hex.Bytes("00000001  00000002 6869");
        CqlCodec<HashSet<string>> codec = CqlCodecs.Set(CqlCodecs.String);
        Assert.Equal(expected, Wire.Encode(codec, ["hi"]));
        Assert.Equal(["hi"], codec.Read(expected));
    }

    [Fact]
    public void Spec_5_13_map_is_int_count_then_key_and_value_bytes_per_entry()
    {
        byte[] expected = Hex.Bytes("00000001  00000001 61  00000004 0000002A");
        CqlCodec<Dictionary<string, int>> codec = CqlCodecs.Map(CqlCodecs.String, CqlCodecs.Int32);
        Assert.Equal(expected, Wire.Encode(codec, new Dictionary<string, int> { ["a"] = 42 }));
        Dictionary<string, int> read = codec.Read(expected);
        Assert.Single(read);
        Assert.Equal(42, read["a"]);
    }

    [Fact]
    public void Spec_5_12_nested_list_of_lists_has_inner_values_as_bytes_elements()
    {
        // [[1], []]: outer count 2; element 1 is a 12-byte list value (count 1, [bytes] 4 + 4); element 2 is 4 bytes (count 0).
        byte[] expected = Hex.Bytes("00000002  0000000C 00000001 00000004 00000001  00000004 00000000");
        CqlCodec<List<List<int>>> codec = CqlCodecs.List(CqlCodecs.List(CqlCodecs.Int32));
        Assert.Equal(expected, Wire.Encode(codec, [[1], []]));
        List<List<int>> read = codec.Read(expected);
        Assert.Equal(2, read.Count);
        Assert.Equal([1], read[0]);
        Assert.Empty(read[1]);
    }

    [Fact]
    public void Spec_5_13_natural_codec_of_map_text_frozen_list_int()
    {
        // {"k": [7]}
        byte[] value = Hex.Bytes("00000001  00000001 6B  0000000C 00000001 00000004 00000007");
        IObjectCodec codec = CodecResolver.Natural(CqlType.Map(CqlType.Text, CqlType.List(CqlType.Int)));
        var map = Assert.IsType<Dictionary<string, List<int>>>(codec.ReadObject(value));
        Assert.Equal([7], map["k"]);
    }

    [Fact]
    public void Spec_5_12_natural_codec_of_list_of_tuples_holds_object_arrays()
    {
        // list<frozen<tuple<int, text>>> [(1, "a")]: the tuple value is [bytes] 1 (8 bytes) and [bytes] "a" (5 bytes) = 13 bytes.
        byte[] value = Hex.Bytes("00000001  0000000D 00000004 00000001 00000001 61");
        IObjectCodec codec = CodecResolver.Natural(CqlType.List(CqlType.Tuple(CqlType.Int, CqlType.Text)));
        var list = Assert.IsType<List<object?>>(codec.ReadObject(value));
        var tuple = Assert.IsType<object?[]>(Assert.Single(list));
        Assert.Equal(new object?[] { 1, "a" }, tuple);
    }

    [Theory]
    [InlineData("00000002 00000004 00000001")] // count 2, one element
    [InlineData("00000001 00000008 00000001")] // element length overruns the value
    [InlineData("FFFFFFFF")] // negative count
    [InlineData("7FFFFFFF 00000004 00000001")] // count larger than the bytes
    [InlineData("000000")] // truncated count
    [InlineData("00000001 000000")] // truncated element length
    [InlineData("00000001 00000003 000001")] // 3-byte int element (§5.11: an int is 4 bytes)
    public void Spec_5_12_malformed_list_is_a_ProtocolException(string hex)
    {
        Assert.Throws<ProtocolException>(() => CqlCodecs.List(CqlCodecs.Int32).Read(Hex.Bytes(hex)));
    }

    [Fact]
    public void Spec_5_13_map_missing_its_last_value_is_a_ProtocolException()
    {
        byte[] value = Hex.Bytes("00000001 00000001 61");
        Assert.Throws<ProtocolException>(() => CqlCodecs.Map(CqlCodecs.String, CqlCodecs.Int32).Read(value));
    }

    [Fact]
    public void Collections_cannot_hold_null_elements()
    {
        // Cassandra rejects null collection elements; a null element on the wire ([bytes] -1) is refused when read.
        Assert.Throws<InvalidCastException>(() => CqlCodecs.List(CqlCodecs.String).Read(Hex.Bytes("00000001 FFFFFFFF")));
        Assert.Throws<ArgumentException>(() => Wire.Encode(CqlCodecs.List(CqlCodecs.String), ["a", null!]));
    }

    [Fact]
    public void Spec_5_21_tuple_components_are_bytes_and_null_is_minus_one()
    {
        CqlCodec<(int, string?)> codec = CqlCodecs.Tuple(CqlCodecs.Int32, CqlCodecs.String);
        byte[] withNull = Hex.Bytes("00000004 00000001  FFFFFFFF");
        Assert.Equal(withNull, Wire.Encode(codec, (1, null)));
        Assert.Equal((1, (string?)null), codec.Read(withNull));

        byte[] full = Hex.Bytes("00000004 FFFFFFFF  00000002 6F6B");
        Assert.Equal(full, Wire.Encode(codec, (-1, "ok")));
        Assert.Equal((-1, "ok"), codec.Read(full));
    }

    [Fact]
    public void Spec_5_21_three_component_tuple()
    {
        CqlCodec<(long, bool, string?)> codec = CqlCodecs.Tuple(CqlCodecs.Int64, CqlCodecs.Boolean, CqlCodecs.String);
        byte[] expected = Hex.Bytes("00000008 0000000000000005  00000001 01  00000000");
        Assert.Equal(expected, Wire.Encode(codec, (5L, true, string.Empty)));
        Assert.Equal((5L, true, string.Empty), codec.Read(expected));
    }

    [Fact]
    public void Spec_5_21_tuple_via_structured_codec_reads_nulls_as_null()
    {
        var codec = new StructuredCodec(CqlType.Tuple(CqlType.Int, CqlType.Text, CqlType.Native(CqlTypeCode.Boolean)));
        object? read = codec.Read(Hex.Bytes("FFFFFFFF  00000001 7A  00000001 00"));
        Assert.Equal(new object?[] { null, "z", false }, Assert.IsType<object?[]>(read));
    }

    private static readonly CqlType Address = CqlType.Udt("ks", "address", ["street", "zip", "tags"], [CqlType.Text, CqlType.Int, CqlType.List(CqlType.Text)]);

    [Fact]
    public void Spec_v5_6_udt_is_one_bytes_value_per_field_in_type_order()
    {
        var codec = new StructuredCodec(Address);
        byte[] value = Hex.Bytes("00000004 4D61696E  00000004 00003039  0000000D 00000001 00000005 686F6D6521");
        var fields = Assert.IsType<Dictionary<string, object?>>(codec.Read(value));
        Assert.Equal("Main", fields["street"]);
        Assert.Equal(12345, fields["zip"]);
        Assert.Equal(["home!"], Assert.IsType<List<string>>(fields["tags"]));
    }

    [Fact]
    public void Spec_v5_6_udt_value_may_have_fewer_values_than_the_type_has_fields()
    {
        var codec = new StructuredCodec(Address);
        var fields = Assert.IsType<Dictionary<string, object?>>(codec.Read(Hex.Bytes("00000004 4D61696E")));
        Assert.Equal(3, fields.Count);
        Assert.Equal("Main", fields["street"]);
        Assert.Null(fields["zip"]);
        Assert.Null(fields["tags"]);
    }

    [Fact]
    public void Spec_v5_6_udt_field_null_is_minus_one()
    {
        var codec = new StructuredCodec(Address);
        var fields = Assert.IsType<Dictionary<string, object?>>(codec.Read(Hex.Bytes("FFFFFFFF 00000004 00000001")));
        Assert.Null(fields["street"]);
        Assert.Equal(1, fields["zip"]);
    }

    [Fact]
    public void Spec_v5_6_udt_written_from_a_dictionary_writes_missing_fields_as_null()
    {
        var codec = new StructuredCodec(Address);
        byte[] bytes = Wire.Write(w => codec.Write(new Dictionary<string, object?> { ["zip"] = 7 }, w));
        Assert.Equal(Hex.Bytes("FFFFFFFF  00000004 00000007  FFFFFFFF"), bytes);
    }

    [Fact]
    public void Spec_v5_6_truncated_udt_field_is_a_ProtocolException()
    {
        var codec = new StructuredCodec(Address);
        Assert.Throws<ProtocolException>(() => codec.Read(Hex.Bytes("00000004 4D61")));
    }

    [Fact]
    public void Spec_v5_6_natural_codec_of_a_udt_is_structured()
    {
        IObjectCodec codec = CodecResolver.Natural(Address);
        var fields = Assert.IsType<Dictionary<string, object?>>(codec.ReadObject(Hex.Bytes("00000000")));
        Assert.Equal(string.Empty, fields["street"]);
    }
}
