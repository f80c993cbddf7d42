using System.Buffers.Binary;
using System.Numerics;
using AsyncCassandra.Bulk;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>Every CQL type's text form: what it looks like, and that Format then Parse gives back the same bytes.</summary>
public sealed class TextFormTests
{
    private static readonly CqlType Text = CqlType.Text;
    private static readonly CqlType IntType = CqlType.Int;

    public static TheoryData<string, string> Scalars => new()
    {
        { "boolean", "true" },
        { "boolean", "false" },
        { "tinyint", "-128" },
        { "smallint", "32767" },
        { "int", "-2147483648" },
        { "bigint", "9223372036854775807" },
        { "counter", "-5" },
        { "varint", "-123456789012345678901234567890" },
        { "varint", "0" },
        { "decimal", "1.50" },
        { "decimal", "-0.000001" },
        { "decimal", "123E+2" },
        { "decimal", "5E-200" },
        { "decimal", "0" },
        { "float", "3.4028235E+38" },
        { "float", "NaN" },
        { "float", "-Infinity" },
        { "double", "0.1" },
        { "double", "-0" },
        { "double", "Infinity" },
        { "double", "5E-324" },
        { "timestamp", "2024-05-01T12:30:00.123Z" },
        { "timestamp", "0001-01-01T00:00:00.000Z" },
        { "timestamp", "-62135596800001" },
        { "timestamp", "253402300800000" },
        { "date", "2024-02-29" },
        { "date", "-5877641" },
        { "time", "23:59:59.999999999" },
        { "time", "00:00:00.000000000" },
        { "uuid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301" },
        { "timeuuid", "fe2b4360-28c6-11e2-81c1-0800200c9a66" },
        { "inet", "192.168.0.1" },
        { "inet", "2001:db8::ff00:42:8329" },
        { "inet", "::ffff:10.0.0.1" },
        { "blob", "0xcafebabe00" },
        { "duration", "1mo2d3ns" },
        { "duration", "-14mo0d3600000000000ns" },
        { "text", "héllo, \"world\"\r\n" },
        { "ascii", "plain" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalar_text_forms_round_trip_exactly(string type, string text)
    {
        CqlType cql = Type(type);
        byte[] bytes = CqlText.Parse(cql, text);
        Assert.Equal(text, CqlText.Format(cql, bytes));
        Assert.Equal(bytes, CqlText.Parse(cql, CqlText.Format(cql, bytes)));
    }

    [Fact]
    public void Decimals_keep_their_scale_and_any_size()
    {
        CqlType type = CqlType.Native(CqlTypeCode.Decimal);
        byte[] scaled = CqlText.Parse(type, "1.50");
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(scaled));
        Assert.Equal(new BigInteger(150), new BigInteger(scaled.AsSpan(4), isBigEndian: true));
        Assert.NotEqual(scaled, CqlText.Parse(type, "1.5"));
        string huge = "123456789012345678901234567890123456789012345678901234567890.123456789";
        Assert.Equal(huge, CqlText.Format(type, CqlText.Parse(type, huge)));
    }

    [Fact]
    public void NaN_is_written_as_java_writes_it()
    {
        Assert.Equal(new byte[] { 0x7F, 0xF8, 0, 0, 0, 0, 0, 0 }, CqlText.Parse(CqlType.Native(CqlTypeCode.Double), "NaN"));
        Assert.Equal(new byte[] { 0x7F, 0xC0, 0, 0 }, CqlText.Parse(CqlType.Native(CqlTypeCode.Float), "NaN"));
    }

    [Fact]
    public void Timestamps_accept_other_iso_forms_and_keep_milliseconds()
    {
        CqlType type = CqlType.Native(CqlTypeCode.Timestamp);
        Assert.Equal("2024-05-01T10:30:00.000Z", CqlText.Format(type, CqlText.Parse(type, "2024-05-01T12:30:00+02:00")));
        Assert.Equal("1970-01-01T00:00:01.000Z", CqlText.Format(type, CqlText.Parse(type, "1000")));
        Assert.Equal("1969-12-31T23:59:59.999Z", CqlText.Format(type, CqlText.Parse(type, "1969-12-31T23:59:59.9999Z")));
    }

    [Fact]
    public void Collections_tuples_and_udts_are_json()
    {
        CqlType udt = CqlType.Udt("ks", "address", ["street", "zip", "tags"], [Text, IntType, CqlType.List(Text)]);
        var cases = new (CqlType Type, string Text)[]
        {
            (CqlType.List(IntType), "[1,2,3]"),
            (CqlType.Set(Text), "[\"a\",\"b \\\"quoted\\\"\",\"\"]"),
            (CqlType.Map(Text, CqlType.Native(CqlTypeCode.Double)), "{\"x\":1.5,\"y\":\"NaN\"}"),
            (CqlType.Map(IntType, CqlType.Native(CqlTypeCode.Timestamp)), "{\"1\":\"2024-05-01T12:30:00.000Z\"}"),
            (CqlType.Map(CqlType.List(IntType), Text), "{\"[1,2]\":\"frozen key\"}"),
            (CqlType.Tuple(IntType, Text, CqlType.Native(CqlTypeCode.Blob)), "[1,null,\"0x00ff\"]"),
            (udt, "{\"street\":\"Main\\nSt\",\"zip\":null,\"tags\":[\"a\"]}"),
            (CqlType.List(CqlType.Map(Text, CqlType.Set(CqlType.Native(CqlTypeCode.Uuid)))), "[{\"k\":[\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"]}]"),
            (CqlType.List(CqlType.Native(CqlTypeCode.Varint)), "[123456789012345678901234567890]"),
        };
        foreach ((CqlType type, string text) in cases)
        {
            byte[] bytes = CqlText.Parse(type, text);
            Assert.Equal(text, CqlText.Format(type, bytes));
        }
    }

    [Fact]
    public void Udt_written_before_a_field_was_added_formats_the_missing_field_as_null()
    {
        CqlType udt = CqlType.Udt("ks", "u", ["a", "b"], [IntType, Text]);
        byte[] oneField = [0, 0, 0, 4, 0, 0, 0, 7];
        Assert.Equal("{\"a\":7,\"b\":null}", CqlText.Format(udt, oneField));
    }

    [Fact]
    public void Empty_text_is_a_zero_length_value()
    {
        Assert.Empty(CqlText.Parse(Text, string.Empty));
        Assert.Empty(CqlText.Parse(IntType, string.Empty));
        Assert.Equal(string.Empty, CqlText.Format(IntType, []));
    }

    [Theory]
    [InlineData("int", "12x", "is not a int value: expected a whole number")]
    [InlineData("int", "2147483648", "from -2147483648 to 2147483647")]
    [InlineData("blob", "cafe", "0x followed by an even number of hex digits")]
    [InlineData("uuid", "not-a-uuid", "expected a UUID")]
    [InlineData("timestamp", "yesterday", "ISO 8601")]
    [InlineData("ascii", "é", "not an ASCII character")]
    [InlineData("list<int>", "[1,null]", "cannot hold null elements")]
    [InlineData("list<int>", "1,2", "JSON array")]
    [InlineData("tuple<int,text>", "[1]", "has 2 components")]
    [InlineData("duration", "3 days", "a duration such as")]
    public void Bad_text_says_what_was_expected(string type, string text, string message)
    {
        FormatException error = Assert.Throws<FormatException>(() => CqlText.Parse(Type(type), text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Udt_with_an_unknown_field_is_rejected_by_name()
    {
        CqlType udt = CqlType.Udt("ks", "u", ["a"], [IntType]);
        FormatException error = Assert.Throws<FormatException>(() => CqlText.Parse(udt, "{\"b\":1}"));
        Assert.Contains("no field \"b\"", error.Message, StringComparison.Ordinal);
    }

    internal static CqlType Type(string name) => name switch
    {
        "list<int>" => CqlType.List(IntType),
        "tuple<int,text>" => CqlType.Tuple(IntType, Text),
        "text" => Text,
        _ => CqlType.Native(Enum.Parse<CqlTypeCode>(name, ignoreCase: true)),
    };
}
