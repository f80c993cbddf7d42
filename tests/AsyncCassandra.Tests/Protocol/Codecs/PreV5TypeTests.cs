using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>
/// Smaller protocol rules before v5: <c>duration</c> arrives as the custom type DurationType (v4 §4.2.5.2 option
/// 0x0000 [string] class name; its bytes are v5 §5.7's three zig-zag [vint]s), a raw <c>long</c> for <c>time</c> must be
/// a time of day (v4 §6 "time": 0 to 86399999999999 ns), and a default timestamp must not be negative (v4 §4.1.4).
/// </summary>
public class PreV5TypeTests
{
    private static readonly CqlType LegacyDuration = CqlType.Custom("org.apache.cassandra.db.marshal.DurationType");

    private static byte[] Value(object? value, CqlType? type, byte version = 4) =>
        Wire.Write(w => ObjectEncoder.WriteValue(value, type, w, version));

    [Fact]
    public void Spec_v4_4_2_5_2_custom_DurationType_reads_as_CqlDuration()
    {
        // Rows: one column d of option 0x0000 "org.apache.cassandra.db.marshal.DurationType", one row 1 month 2 days 3 ns.
        Body body = new Body()
            .Int(0x0002).Int(0x0001).Int(1).String("ks").String("t")
            .String("d").Short(0x0000).String("org.apache.cassandra.db.marshal.DurationType")
            .Int(1)
            .Int(3).Hex("02 04 06");
        Row row = Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body.ToArray(), 4))[0];
        Assert.Equal(new CqlDuration(1, 2, 3), row.Get<CqlDuration>(0));
        Assert.Equal(new CqlDuration(1, 2, 3), row.GetValue(0));
        Assert.True(AsyncCassandra.Advanced.CqlCodecs.Duration.Accepts(row.Columns[0].Type));
    }

    [Fact]
    public void Spec_v4_a_CqlDuration_binds_to_a_custom_DurationType_marker_as_three_vints()
    {
        Assert.Equal(Hex.Bytes("00000003 020406"), Value(new CqlDuration(1, 2, 3), LegacyDuration, 4));
        Assert.Equal(Hex.Bytes("00000003 010101"), Value(new CqlDuration(-1, -1, -1), LegacyDuration, 3));
        // Other custom types still take raw bytes only.
        Assert.Throws<InvalidCastException>(() => Value(new CqlDuration(1, 2, 3), CqlType.Custom("org.apache.cassandra.db.marshal.LexicalUUIDType")));
    }

    [Theory]
    [InlineData(0L, "00000008 0000000000000000")]
    [InlineData(86_399_999_999_999L, "00000008 00004E94914EFFFF")]
    public void Spec_v4_6_time_as_a_raw_long_within_a_day_is_written_as_is(long nanoseconds, string hex)
    {
        Assert.Equal(Hex.Bytes(hex), Value(nanoseconds, CqlType.Native(CqlTypeCode.Time)));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(86_400_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void Spec_v4_6_time_as_a_raw_long_outside_a_day_is_refused_naming_the_range(long nanoseconds)
    {
        var ex = Assert.Throws<InvalidCastException>(() => Value(nanoseconds, CqlType.Native(CqlTypeCode.Time)));
        Assert.Contains("0..86399999999999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TimeOnly", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_v4_4_1_4_a_negative_default_timestamp_is_refused_on_the_statement()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleStatement("INSERT INTO t (k) VALUES (1)") { Timestamp = -1 });
        Assert.Contains("§4.1.4", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchStatement { Timestamp = long.MinValue });
        Assert.Equal(0L, new SimpleStatement("SELECT 1") { Timestamp = 0 }.Timestamp);
    }

    [Fact]
    public void Spec_v4_4_1_4_a_negative_default_timestamp_is_never_written()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, DefaultTimestamp = -5 };
        Assert.Throws<ArgumentOutOfRangeException>(() => Wire.RequestBody(new QueryRequest("SELECT 1", parameters), 4));
        var batch = new BatchRequest(0, [new BatchChild("INSERT INTO t (k) VALUES (1)", null, null)], ConsistencyLevel.One, null, -5, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => Wire.RequestBody(batch, 4));
    }
}
