using AsyncCassandra.Protocol.Messages;
using System.Net;
using System.Numerics;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>
/// Binding .NET objects as [value]s (v4 §3 [value]: [int] length, -1 null, -2 unset) in the CQL type the server
/// declared (v5 §5) or the one inferred for unprepared statements.
/// </summary>
public class ObjectEncoderTests
{
    private static byte[] Value(object? value, CqlType? type, byte version = 4) =>
        Wire.Write(w => ObjectEncoder.WriteValue(value, type, w, version));

    private static CqlType T(CqlTypeCode code) => CqlType.Native(code);

    [Fact]
    public void Spec_3_value_null_is_length_minus_one()
    {
        Assert.Equal(Hex.Bytes("FFFFFFFF"), Value(null, CqlType.Int));
        Assert.Equal(Hex.Bytes("FFFFFFFF"), Value(null, null, 3));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Spec_v4_3_unset_value_is_length_minus_two(byte version)
    {
        Assert.Equal(Hex.Bytes("FFFFFFFE"), Value(Unset.Value, CqlType.Int, version));
    }

    [Fact]
    public void Spec_v3_has_no_unset_value_so_binding_one_is_an_InvalidOperationException()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Value(Unset.Value, CqlType.Int, 3));
        Assert.Contains("v3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_5_2_int_widens_to_bigint()
    {
        Assert.Equal(Hex.Bytes("00000008 0000000000000005"), Value(5, CqlType.Bigint));
        Assert.Equal(Hex.Bytes("00000008 FFFFFFFFFFFFFFFF"), Value((short)-1, CqlType.Bigint));
        Assert.Equal(Hex.Bytes("00000008 00000000FFFFFFFF"), Value(uint.MaxValue, CqlType.Bigint));
        Assert.Equal(Hex.Bytes("00000008 0000000000000007"), Value(7, T(CqlTypeCode.Counter)));
    }

    [Fact]
    public void Spec_5_11_long_within_int_range_narrows_to_int()
    {
        Assert.Equal(Hex.Bytes("00000004 00000005"), Value(5L, CqlType.Int));
        Assert.Equal(Hex.Bytes("00000004 80000000"), Value((long)int.MinValue, CqlType.Int));
    }

    [Fact]
    public void Spec_5_11_long_outside_int_range_is_an_InvalidCastException_naming_both_types()
    {
        var ex = Assert.Throws<InvalidCastException>(() => Value(1L << 40, CqlType.Int));
        TypeName.AssertNamed(ex.Message, typeof(long));
        Assert.Contains("CQL int", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_5_16_a_string_for_an_int_column_is_an_InvalidCastException_naming_both_types()
    {
        var ex = Assert.Throws<InvalidCastException>(() => Value("12", CqlType.Int));
        TypeName.AssertNamed(ex.Message, typeof(string));
        Assert.Contains("CQL int", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_5_15_and_5_20_smallint_and_tinyint_accept_ints_in_range_only()
    {
        Assert.Equal(Hex.Bytes("00000002 FFFE"), Value(-2, T(CqlTypeCode.Smallint)));
        Assert.Equal(Hex.Bytes("00000001 80"), Value(-128, T(CqlTypeCode.Tinyint)));
        Assert.Throws<InvalidCastException>(() => Value(40000, T(CqlTypeCode.Smallint)));
        Assert.Throws<InvalidCastException>(() => Value(128, T(CqlTypeCode.Tinyint)));
    }

    [Fact]
    public void Spec_5_9_float_from_an_exactly_representable_int()
    {
        Assert.Equal(Hex.Bytes("00000004 3F800000"), Value(1, T(CqlTypeCode.Float)));
        Assert.Throws<InvalidCastException>(() => Value((1 << 24) + 1, T(CqlTypeCode.Float)));
    }

    [Fact]
    public void Spec_5_9_float_from_int_MinValue_is_never_an_OverflowException()
    {
        // -2^31 is exactly representable as binary32 (CF 00 00 00). Either encoding it or refusing it with an
        // InvalidCastException (the documented error for lossy binds) is acceptable; an OverflowException from
        // Math.Abs(int.MinValue) is not.
        Exception? ex = Record.Exception(() => Value(int.MinValue, T(CqlTypeCode.Float)));
        if (ex is null)
        {
            Assert.Equal(Hex.Bytes("00000004 CF000000"), Value(int.MinValue, T(CqlTypeCode.Float)));
        }
        else
        {
            Assert.IsType<InvalidCastException>(ex);
        }
    }

    [Fact]
    public void Spec_5_7_double_from_float_int_and_long()
    {
        Assert.Equal(Hex.Bytes("00000008 C004000000000000"), Value(-2.5f, T(CqlTypeCode.Double)));
        Assert.Equal(Hex.Bytes("00000008 3FF0000000000000"), Value(1, T(CqlTypeCode.Double)));
        Assert.Equal(Hex.Bytes("00000008 3FF0000000000000"), Value(1L, T(CqlTypeCode.Double)));
    }

    [Fact]
    public void Spec_5_18_DateTime_and_DateTimeOffset_to_timestamp_milliseconds()
    {
        // 1970-01-01T00:00:01Z = 1000 ms = 0x3E8
        Assert.Equal(Hex.Bytes("00000008 00000000000003E8"), Value(new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc), T(CqlTypeCode.Timestamp)));
        Assert.Equal(Hex.Bytes("00000008 00000000000003E8"), Value(new DateTimeOffset(1970, 1, 1, 2, 0, 1, TimeSpan.FromHours(2)), T(CqlTypeCode.Timestamp)));
        Assert.Equal(Hex.Bytes("00000008 FFFFFFFFFFFFFC18"), Value(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), T(CqlTypeCode.Timestamp)));
        Assert.Equal(Hex.Bytes("00000008 000000000000002A"), Value(42L, T(CqlTypeCode.Timestamp)));
    }

    [Fact]
    public void Spec_5_5_and_5_17_date_and_time_from_their_dotnet_types()
    {
        Assert.Equal(Hex.Bytes("00000004 80000001"), Value(new DateOnly(1970, 1, 2), T(CqlTypeCode.Date)));
        Assert.Equal(Hex.Bytes("00000004 80000000"), Value(new DateTime(1970, 1, 1, 23, 0, 0, DateTimeKind.Utc), T(CqlTypeCode.Date)));
        // 1 s = 1 000 000 000 ns = 0x3B9ACA00
        Assert.Equal(Hex.Bytes("00000008 000000003B9ACA00"), Value(new TimeOnly(0, 0, 1), T(CqlTypeCode.Time)));
        Assert.Equal(Hex.Bytes("00000008 000000003B9ACA00"), Value(TimeSpan.FromSeconds(1), T(CqlTypeCode.Time)));
        Assert.Throws<InvalidCastException>(() => Value(TimeSpan.FromDays(1), T(CqlTypeCode.Time)));
    }

    [Fact]
    public void Spec_5_24_and_5_6_varint_and_decimal_from_integers()
    {
        Assert.Equal(Hex.Bytes("00000002 0080"), Value(128, T(CqlTypeCode.Varint)));
        Assert.Equal(Hex.Bytes("00000002 FF7F"), Value(new BigInteger(-129), T(CqlTypeCode.Varint)));
        Assert.Equal(Hex.Bytes("00000005 00000001 0F"), Value(1.5m, T(CqlTypeCode.Decimal)));
        Assert.Equal(Hex.Bytes("00000005 00000000 07"), Value(7, T(CqlTypeCode.Decimal)));
    }

    [Fact]
    public void Spec_5_12_any_enumerable_to_list_or_set()
    {
        byte[] expected = Hex.Bytes("00000014  00000002  00000004 00000001  00000004 00000002");
        Assert.Equal(expected, Value(new List<int> { 1, 2 }, CqlType.List(CqlType.Int)));
        Assert.Equal(expected, Value(new[] { 1, 2 }, CqlType.Set(CqlType.Int)));
        Assert.Equal(expected, Value(Enumerable.Range(1, 2), CqlType.List(CqlType.Int)));
        // elements are converted to the element type: int -> bigint
        Assert.Equal(Hex.Bytes("00000010  00000001  00000008 0000000000000009"), Value(new[] { 9 }, CqlType.List(CqlType.Bigint)));
    }

    [Fact]
    public void Spec_5_13_dictionary_to_map()
    {
        byte[] expected = Hex.Bytes("00000015  00000001  00000001 61  00000008 000000000000002A"); // 4 + (4 + 1) + (4 + 8) = 21
        Assert.Equal(expected, Value(new Dictionary<string, long> { ["a"] = 42 }, CqlType.Map(CqlType.Text, CqlType.Bigint)));
    }

    [Fact]
    public void Spec_5_13_null_map_value_is_refused()
    {
        var map = new Dictionary<string, string?> { ["a"] = null };
        Assert.Throws<ArgumentException>(() => Value(map, CqlType.Map(CqlType.Text, CqlType.Text)));
    }

    [Fact]
    public void Spec_5_21_value_tuple_to_tuple_with_null_components()
    {
        CqlType type = CqlType.Tuple(CqlType.Int, CqlType.Text);
        Assert.Equal(Hex.Bytes("0000000D  00000004 00000001  00000001 61"), Value((1, "a"), type));
        Assert.Equal(Hex.Bytes("0000000C  00000004 00000001  FFFFFFFF"), Value((1, (string?)null), type));
        Assert.Equal(Hex.Bytes("0000000D  00000004 00000001  00000001 61"), Value(new object?[] { 1, "a" }, type));
    }

    [Fact]
    public void Spec_5_21_tuple_arity_mismatch_is_an_InvalidCastException()
    {
        Assert.Throws<InvalidCastException>(() => Value((1, "a", true), CqlType.Tuple(CqlType.Int, CqlType.Text)));
    }

    [Fact]
    public void Spec_v5_6_dictionary_to_udt_in_field_order_with_missing_fields_null()
    {
        CqlType udt = CqlType.Udt("ks", "pt", ["x", "y", "label"], [CqlType.Int, CqlType.Int, CqlType.Text]);
        var value = new Dictionary<string, object?> { ["label"] = "p", ["x"] = 3 };
        Assert.Equal(Hex.Bytes("00000011  00000004 00000003  FFFFFFFF  00000001 70"), Value(value, udt));
    }

    [Fact]
    public void Spec_v5_6_a_udt_from_a_non_dictionary_is_an_InvalidCastException()
    {
        CqlType udt = CqlType.Udt("ks", "pt", ["x"], [CqlType.Int]);
        Assert.Throws<InvalidCastException>(() => Value(42, udt));
    }

    public static TheoryData<object, CqlTypeCode> InferredNatives => new()
    {
        { 1, CqlTypeCode.Int },
        { 1L, CqlTypeCode.Bigint },
        { "s", CqlTypeCode.Varchar },
        { Guid.Empty, CqlTypeCode.Uuid },
        { true, CqlTypeCode.Boolean },
        { 1.0, CqlTypeCode.Double },
        { 1.0f, CqlTypeCode.Float },
        { 1.0m, CqlTypeCode.Decimal },
        { BigInteger.One, CqlTypeCode.Varint },
        { DateTime.UnixEpoch, CqlTypeCode.Timestamp },
        { DateTimeOffset.UnixEpoch, CqlTypeCode.Timestamp },
        { new DateOnly(2000, 1, 1), CqlTypeCode.Date },
        { new TimeOnly(1, 0), CqlTypeCode.Time },
        { (short)1, CqlTypeCode.Smallint },
        { (sbyte)1, CqlTypeCode.Tinyint },
        { IPAddress.Loopback, CqlTypeCode.Inet },
        { new CqlDuration(1, 2, 3), CqlTypeCode.Duration },
        { new byte[] { 1 }, CqlTypeCode.Blob },
    };

    [Theory]
    [MemberData(nameof(InferredNatives))]
    public void Unprepared_values_infer_their_native_cql_type(object value, CqlTypeCode expected)
    {
        Assert.Equal(CqlType.Native(expected), ObjectEncoder.Infer(value));
    }

    [Fact]
    public void Unprepared_collections_and_tuples_infer_from_their_elements()
    {
        Assert.Equal(CqlType.List(CqlType.Text), ObjectEncoder.Infer(new List<string> { "a" }));
        Assert.Equal(CqlType.List(CqlType.Int), ObjectEncoder.Infer(new HashSet<int> { 1 }));
        Assert.Equal(CqlType.Map(CqlType.Text, CqlType.Bigint), ObjectEncoder.Infer(new Dictionary<string, long> { ["a"] = 1 }));
        Assert.Equal(CqlType.Tuple(CqlType.Int, CqlType.Text), ObjectEncoder.Infer((1, "a")));
        Assert.Equal(CqlType.List(CqlType.List(CqlType.Int)), ObjectEncoder.Infer(new List<int[]> { new[] { 1 } }));
    }

    [Fact]
    public void Unprepared_value_of_an_unknown_type_is_an_InvalidCastException()
    {
        var ex = Assert.Throws<InvalidCastException>(() => ObjectEncoder.Infer(new object()));
        TypeName.AssertNamed(ex.Message, typeof(object));
    }

    [Fact]
    public void Unprepared_values_are_written_in_the_inferred_type()
    {
        Assert.Equal(Hex.Bytes("00000003 68C3A9"), Value("hé", null));
        Assert.Equal(Hex.Bytes("00000004 FFFFFFFF"), Value(-1, null));
        Assert.Equal(Hex.Bytes("00000008 0000000000000001"), Value(1L, null));
        Assert.Equal(Hex.Bytes("00000010 00112233445566778899AABBCCDDEEFF"), Value(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), null));
        Assert.Equal(Hex.Bytes("00000003 020406"), Value(new CqlDuration(1, 2, 3), null, 5));
        Assert.Equal(Hex.Bytes("00000004 00000000"), Value(new List<string>(), null)); // empty list: a zero count
    }

    [Fact]
    public void Binding_error_names_the_marker()
    {
        var markers = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "age", CqlType.Int)]);
        var values = new ObjectValues(["old"], markers);
        var ex = Assert.Throws<InvalidCastException>(() => Wire.Write(w => values.WriteValues(w, 4)));
        Assert.Contains("'age'", ex.Message, StringComparison.Ordinal);
        TypeName.AssertNamed(ex.Message, typeof(string));
    }
}
