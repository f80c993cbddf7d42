using System.Net;
using System.Numerics;
using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>Serialization of every native CQL type: v3/v4 §6, v5 §5 (5.1-5.24). Codecs see the value bytes without the [bytes] length.</summary>
public class NativeCodecTests
{
    private static void RoundTrip<T>(CqlCodec<T> codec, T value, string hex)
    {
        byte[] expected = Hex.Bytes(hex);
        Assert.Equal(expected, Wire.Encode(codec, value));
        Assert.Equal(value, codec.Read(expected));
    }

    [Fact]
    public void Spec_5_1_ascii_is_the_bytes_of_the_text()
    {
        RoundTrip(CqlCodecs.String, "abc", "616263");
        Assert.Same(CqlCodecs.String, CodecResolver.NativeFor(CqlTypeCode.Ascii));
    }

    [Theory]
    [InlineData(0L, "0000000000000000")]
    [InlineData(1L, "0000000000000001")]
    [InlineData(-2L, "FFFFFFFFFFFFFFFE")]
    [InlineData(long.MaxValue, "7FFFFFFFFFFFFFFF")]
    [InlineData(long.MinValue, "8000000000000000")]
    public void Spec_5_2_bigint_and_counter_are_eight_byte_twos_complement(long value, string hex)
    {
        RoundTrip(CqlCodecs.Int64, value, hex);
        Assert.Same(CqlCodecs.Int64, CodecResolver.NativeFor(CqlTypeCode.Counter)); // v4 §6: counter is a bigint
    }

    [Fact]
    public void Spec_5_3_blob_is_any_bytes()
    {
        RoundTrip(CqlCodecs.Bytes, Hex.Bytes("00FF10"), "00FF10");
        RoundTrip(CqlCodecs.Bytes, [], string.Empty);
    }

    [Fact]
    public void Spec_5_4_boolean_is_one_byte_and_any_nonzero_is_true()
    {
        RoundTrip(CqlCodecs.Boolean, true, "01");
        RoundTrip(CqlCodecs.Boolean, false, "00");
        Assert.True(CqlCodecs.Boolean.Read(Hex.Bytes("02")));
        Assert.True(CqlCodecs.Boolean.Read(Hex.Bytes("FF")));
    }

    [Theory]
    [InlineData("1.5", "00000001 0F")] // scale 1, unscaled 15
    [InlineData("-1.5", "00000001 F1")] // unscaled -15 = F1
    [InlineData("1.50", "00000002 0096")] // scale 2, unscaled 150 = 00 96 (MSB >= 0x80 padded)
    [InlineData("0", "00000000 00")]
    [InlineData("127", "00000000 7F")]
    [InlineData("-128", "00000000 80")]
    [InlineData("0.001", "00000003 01")]
    [InlineData("79228162514264337593543950335", "00000000 00FFFFFFFFFFFFFFFFFFFFFFFF")] // decimal.MaxValue = 2^96 - 1
    [InlineData("-79228162514264337593543950335", "00000000 FF000000000000000000000001")] // decimal.MinValue
    public void Spec_5_6_decimal_is_int_scale_then_varint_unscaled(string text, string hex)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        RoundTrip(CqlCodecs.Decimal, value, hex);
        // the scale survives the round trip ("1.50" stays "1.50")
        Assert.Equal(text, CqlCodecs.Decimal.Read(Hex.Bytes(hex)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Spec_5_6_decimal_negative_scale_means_multiply()
    {
        // unscaled 15, scale -2: 15E2 = 1500
        Assert.Equal(1500m, CqlCodecs.Decimal.Read(Hex.Bytes("FFFFFFFE 0F")));
    }

    [Fact]
    public void Spec_5_6_decimal_scale_above_28_is_reduced_when_no_digit_is_lost()
    {
        // unscaled 1000 (03 E8), scale 30: 1000E-30 = 1E-27
        Assert.Equal(0.000000000000000000000000001m, CqlCodecs.Decimal.Read(Hex.Bytes("0000001E 03E8")));
    }

    [Fact]
    public void Spec_5_6_decimal_zero_with_a_scale_above_28_is_zero()
    {
        // 0E-30 (unscaled 0, scale 30) is a valid CQL decimal (Java's BigDecimal keeps the scale of a zero); its value,
        // 0, fits System.Decimal, so it must not be reported as an overflow.
        Assert.Equal(0m, CqlCodecs.Decimal.Read(Hex.Bytes("0000001E 00")));
    }

    [Theory]
    [InlineData("0000001D 01")] // 1E-29: scale 29 does not fit System.Decimal
    [InlineData("00000000 01000000000000000000000000")] // 2^96: 97-bit magnitude
    [InlineData("FFFFFFE0 01")] // 1E32
    public void Spec_5_6_decimal_out_of_system_decimal_range_is_an_OverflowException(string hex)
    {
        Assert.Throws<OverflowException>(() => CqlCodecs.Decimal.Read(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData(1.0, "3FF0000000000000")]
    [InlineData(-2.5, "C004000000000000")]
    [InlineData(0.0, "0000000000000000")]
    [InlineData(double.PositiveInfinity, "7FF0000000000000")]
    public void Spec_5_7_double_is_ieee754_binary64_big_endian(double value, string hex)
    {
        RoundTrip(CqlCodecs.Double, value, hex);
    }

    [Theory]
    [InlineData(1.0f, "3F800000")]
    [InlineData(-0.5f, "BF000000")]
    public void Spec_5_9_float_is_ieee754_binary32_big_endian(float value, string hex)
    {
        RoundTrip(CqlCodecs.Single, value, hex);
    }

    [Theory]
    [InlineData("192.168.1.10", "C0A8010A")]
    [InlineData("::1", "00000000000000000000000000000001")]
    [InlineData("2001:db8::ff00:42:8329", "20010DB8000000000000FF0000428329")]
    public void Spec_5_10_inet_is_4_or_16_address_bytes(string address, string hex)
    {
        RoundTrip(CqlCodecs.IPAddress, IPAddress.Parse(address), hex);
    }

    [Theory]
    [InlineData(0, "00000000")]
    [InlineData(0x01020304, "01020304")]
    [InlineData(-1, "FFFFFFFF")]
    [InlineData(int.MinValue, "80000000")]
    public void Spec_5_11_int_is_four_byte_twos_complement(int value, string hex)
    {
        RoundTrip(CqlCodecs.Int32, value, hex);
    }

    [Theory]
    [InlineData((short)-2, "FFFE")]
    [InlineData(short.MaxValue, "7FFF")]
    public void Spec_5_15_smallint_is_two_byte_twos_complement(short value, string hex)
    {
        RoundTrip(CqlCodecs.Int16, value, hex);
    }

    [Theory]
    [InlineData((sbyte)-128, "80")]
    [InlineData((sbyte)127, "7F")]
    [InlineData((sbyte)-1, "FF")]
    public void Spec_5_20_tinyint_is_one_byte_twos_complement(sbyte value, string hex)
    {
        RoundTrip(CqlCodecs.SByte, value, hex);
    }

    [Fact]
    public void Spec_5_16_text_is_utf8()
    {
        RoundTrip(CqlCodecs.String, "é€😀", "C3A9 E282AC F09F9880");
        RoundTrip(CqlCodecs.String, string.Empty, string.Empty);
    }

    [Fact]
    public void Spec_5_18_timestamp_is_big_endian_milliseconds_since_the_epoch()
    {
        RoundTrip(CqlCodecs.DateTimeOffset, DateTimeOffset.UnixEpoch, "0000000000000000");
        // 2001-09-09T01:46:40Z = 1 000 000 000 000 ms = 0xE8D4A51000
        RoundTrip(CqlCodecs.DateTimeOffset, new DateTimeOffset(2001, 9, 9, 1, 46, 40, TimeSpan.Zero), "000000E8D4A51000");
        // an offset is converted to the instant: 03:46:40+02:00 is the same instant
        Assert.Equal(Hex.Bytes("000000E8D4A51000"), Wire.Encode(CqlCodecs.DateTimeOffset, new DateTimeOffset(2001, 9, 9, 3, 46, 40, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Spec_5_18_timestamp_before_1970_is_negative()
    {
        // 1969-12-31T23:59:59.999Z = -1 ms
        RoundTrip(CqlCodecs.DateTimeOffset, new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), "FFFFFFFFFFFFFFFF");
        // 1900-01-01T00:00:00Z = -2 208 988 800 000 ms
        RoundTrip(CqlCodecs.DateTimeOffset, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), "FFFFFDFDAE01DC00");
    }

    [Fact]
    public void Spec_5_18_timestamp_from_DateTime_utc_and_unspecified_kind_is_utc()
    {
        var utc = new DateTime(2001, 9, 9, 1, 46, 40, DateTimeKind.Utc);
        Assert.Equal(Hex.Bytes("000000E8D4A51000"), Wire.Encode(CqlCodecs.DateTime, utc));
        Assert.Equal(Hex.Bytes("000000E8D4A51000"), Wire.Encode(CqlCodecs.DateTime, DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Equal(Hex.Bytes("000000E8D4A51000"), Wire.Encode(CqlCodecs.DateTime, utc.ToLocalTime()));
        DateTime read = CqlCodecs.DateTime.Read(Hex.Bytes("000000E8D4A51000"));
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(utc, read);
    }

    [Fact]
    public void Spec_5_18_timestamp_outside_DateTimeOffset_range_is_an_OverflowException()
    {
        Assert.Throws<OverflowException>(() => CqlCodecs.DateTimeOffset.Read(Hex.Bytes("7FFFFFFFFFFFFFFF")));
    }

    [Fact]
    public void Spec_5_22_uuid_is_16_bytes_in_rfc_4122_order()
    {
        RoundTrip(CqlCodecs.Guid, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), "00112233445566778899AABBCCDDEEFF");
    }

    [Fact]
    public void Spec_5_19_timeuuid_uses_the_same_rfc_byte_order()
    {
        // a version-1 UUID: time_low 5BC9B2C0, time_mid 1DD2, version 1 + time_hi 11B2, clock 8080, node 00A0C91E6BF6
        RoundTrip(CqlCodecs.Guid, Guid.Parse("5bc9b2c0-1dd2-11b2-8080-00a0c91e6bf6"), "5BC9B2C01DD211B2808000A0C91E6BF6");
        Assert.Same(CqlCodecs.Guid, CodecResolver.NativeFor(CqlTypeCode.Timeuuid));
    }

    [Theory]
    // The v5 §5.24 (v4 §6.23) varint table, every row.
    [InlineData("0", "00")]
    [InlineData("1", "01")]
    [InlineData("127", "7F")]
    [InlineData("128", "0080")]
    [InlineData("129", "0081")]
    [InlineData("-1", "FF")]
    [InlineData("-128", "80")]
    [InlineData("-129", "FF7F")]
    [InlineData("255", "00FF")]
    [InlineData("256", "0100")]
    [InlineData("18446744073709551616", "010000000000000000")] // 2^64
    [InlineData("-9223372036854775809", "FF7FFFFFFFFFFFFFFF")] // long.MinValue - 1
    public void Spec_5_24_varint_is_minimal_twos_complement(string value, string hex)
    {
        RoundTrip(CqlCodecs.BigInteger, BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture), hex);
    }

    [Theory]
    // v5 §5.5: "2^31: 1970-1-1"
    [InlineData(1970, 1, 1, "80000000")]
    [InlineData(1970, 1, 2, "80000001")]
    [InlineData(1969, 12, 31, "7FFFFFFF")]
    [InlineData(2024, 2, 29, "80004D46")] // 19782 days after the epoch
    [InlineData(1900, 1, 1, "7FFF9C21")] // 25567 days before
    [InlineData(1, 1, 1, "7FF506C6")]
    [InlineData(9999, 12, 31, "802CC0A0")]
    public void Spec_5_5_date_is_unsigned_days_with_the_epoch_at_2_pow_31(int year, int month, int day, string hex)
    {
        RoundTrip(CqlCodecs.DateOnly, new DateOnly(year, month, day), hex);
    }

    [Fact]
    public void Spec_5_5_date_0_is_year_minus_5877641_which_DateOnly_cannot_hold()
    {
        Assert.Throws<OverflowException>(() => CqlCodecs.DateOnly.Read(Hex.Bytes("00000000")));
        Assert.Throws<OverflowException>(() => CqlCodecs.DateOnly.Read(Hex.Bytes("FFFFFFFF")));
    }

    [Fact]
    public void Spec_5_17_time_is_nanoseconds_since_midnight()
    {
        RoundTrip(CqlCodecs.TimeOnly, TimeOnly.MinValue, "0000000000000000");
        // 12:34:56.789 = 45 296 789 000 000 ns
        RoundTrip(CqlCodecs.TimeOnly, new TimeOnly(12, 34, 56, 789), "000029327B048F40");
        // last 100 ns tick of the day = 86 399 999 999 900 ns
        RoundTrip(CqlCodecs.TimeOnly, TimeOnly.MaxValue, "00004E94914EFF9C");
        // raw nanoseconds read as long
        Assert.Equal(45_296_789_000_000L, CqlCodecs.Int64.Read(Hex.Bytes("000029327B048F40")));
    }

    [Theory]
    [InlineData("00004E94914F0000")] // 86 400 000 000 000 ns: outside 0..86399999999999
    [InlineData("FFFFFFFFFFFFFFFF")] // -1
    public void Spec_5_17_time_outside_the_valid_range_is_malformed(string hex)
    {
        Assert.Throws<ProtocolException>(() => CqlCodecs.TimeOnly.Read(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData(1, 2, 3L, "02 04 06")] // zig-zag: 1 -> 2, 2 -> 4, 3 -> 6
    [InlineData(0, 0, 0L, "00 00 00")]
    [InlineData(-1, -1, -1L, "01 01 01")] // -1 -> 1
    [InlineData(0, 0, 256000L, "00 00 C7D000")] // 256000 -> 512000 = 0x7D000: 3-byte vint 110 00111 ...
    [InlineData(12, 0, 0L, "18 00 00")]
    [InlineData(0, -64, 0L, "00 7F 00")] // -64 -> 127, the largest 1-byte vint
    [InlineData(0, 64, 0L, "00 8080 00")] // 64 -> 128, two bytes 10 000000 10000000
    public void Spec_5_8_duration_is_three_zigzag_vints_months_days_nanoseconds(int months, int days, long nanos, string hex)
    {
        RoundTrip(CqlCodecs.Duration, new CqlDuration(months, days, nanos), hex);
    }

    [Theory]
    [InlineData("02 04")] // only two vints
    [InlineData("02 04 06 00")] // trailing byte
    [InlineData("02 04 C7D0")] // truncated 3-byte vint
    [InlineData("F100000000 00 00")] // months zig-zag 2^32 -> +2^31, not a 32-bit int (v5 §5.8)
    public void Spec_5_8_malformed_duration_is_a_ProtocolException(string hex)
    {
        Assert.Throws<ProtocolException>(() => CqlCodecs.Duration.Read(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData("int", "000001")]
    [InlineData("int", "0000000001")]
    [InlineData("bigint", "00000001")]
    [InlineData("smallint", "01")]
    [InlineData("tinyint", "")]
    [InlineData("tinyint", "0102")]
    [InlineData("boolean", "")]
    [InlineData("boolean", "0001")]
    [InlineData("float", "3F8000")]
    [InlineData("double", "3FF00000")]
    [InlineData("uuid", "00112233445566778899AABBCCDDEE")]
    [InlineData("timestamp", "00")]
    [InlineData("date", "800000")]
    [InlineData("time", "00")]
    [InlineData("inet", "7F0000")]
    [InlineData("inet", "7F00000100")]
    [InlineData("varint", "")]
    [InlineData("decimal", "00000001")]
    public void Spec_5_a_value_of_the_wrong_length_is_a_ProtocolException(string type, string hex)
    {
        byte[] value = Hex.Bytes(hex);
        Action read = type switch
        {
            "int" => () => CqlCodecs.Int32.Read(value),
            "bigint" => () => CqlCodecs.Int64.Read(value),
            "smallint" => () => CqlCodecs.Int16.Read(value),
            "tinyint" => () => CqlCodecs.SByte.Read(value),
            "boolean" => () => CqlCodecs.Boolean.Read(value),
            "float" => () => CqlCodecs.Single.Read(value),
            "double" => () => CqlCodecs.Double.Read(value),
            "uuid" => () => CqlCodecs.Guid.Read(value),
            "timestamp" => () => CqlCodecs.DateTimeOffset.Read(value),
            "date" => () => CqlCodecs.DateOnly.Read(value),
            "time" => () => CqlCodecs.TimeOnly.Read(value),
            "inet" => () => CqlCodecs.IPAddress.Read(value),
            "varint" => () => CqlCodecs.BigInteger.Read(value),
            "decimal" => () => CqlCodecs.Decimal.Read(value),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        Assert.Throws<ProtocolException>(read);
    }

    [Theory]
    [InlineData(CqlTypeCode.Ascii, typeof(string))]
    [InlineData(CqlTypeCode.Bigint, typeof(long))]
    [InlineData(CqlTypeCode.Blob, typeof(byte[]))]
    [InlineData(CqlTypeCode.Boolean, typeof(bool))]
    [InlineData(CqlTypeCode.Counter, typeof(long))]
    [InlineData(CqlTypeCode.Decimal, typeof(decimal))]
    [InlineData(CqlTypeCode.Double, typeof(double))]
    [InlineData(CqlTypeCode.Float, typeof(float))]
    [InlineData(CqlTypeCode.Int, typeof(int))]
    [InlineData(CqlTypeCode.Timestamp, typeof(DateTimeOffset))]
    [InlineData(CqlTypeCode.Uuid, typeof(Guid))]
    [InlineData(CqlTypeCode.Varchar, typeof(string))]
    [InlineData(CqlTypeCode.Varint, typeof(BigInteger))]
    [InlineData(CqlTypeCode.Timeuuid, typeof(Guid))]
    [InlineData(CqlTypeCode.Inet, typeof(IPAddress))]
    [InlineData(CqlTypeCode.Date, typeof(DateOnly))]
    [InlineData(CqlTypeCode.Time, typeof(TimeOnly))]
    [InlineData(CqlTypeCode.Smallint, typeof(short))]
    [InlineData(CqlTypeCode.Tinyint, typeof(sbyte))]
    [InlineData(CqlTypeCode.Duration, typeof(CqlDuration))]
    public void Every_native_type_of_the_spec_option_table_has_a_natural_codec(CqlTypeCode code, Type expected)
    {
        Assert.Equal(expected, CodecResolver.NativeFor(code).ValueType);
    }
}
