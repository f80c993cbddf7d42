using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>Reading values out of a Rows result (§4.2.5.2: rows_count × columns_count [bytes], negative length = null).</summary>
public class RowSetTests
{
    /// <summary>
    /// Columns id int, name text, "Score" int (a quoted mixed-case name), ts timestamp;
    /// row 0: 1, "ann", 10, 1000 ms; row 1: all null.
    /// </summary>
    private static RowSet People()
    {
        Body body = new Body()
            .Int(0x0002).Int(0x0001).Int(4).String("ks").String("people")
            .String("id").Short(0x0009)
            .String("name").Short(0x000D)
            .String("Score").Short(0x0009)
            .String("ts").Short(0x000B)
            .Int(2)
            .IntCell(1).TextCell("ann").IntCell(10).Int(8).Long(1000)
            .Bytes(null).Bytes(null).Bytes(null).Bytes(null);
        return Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body.ToArray(), 4));
    }

    private static RowSet Applied(bool? applied)
    {
        Body body = new Body().Int(0x0002).Int(0x0001);
        if (applied is null)
        {
            body.Int(1).String("ks").String("t").String("v").Short(0x0009).Int(1).IntCell(0);
        }
        else
        {
            body.Int(2).String("ks").String("t").String("[applied]").Short(0x0004).String("v").Short(0x0009)
                .Int(1).Int(1).Byte(applied.Value ? (byte)1 : (byte)0).IntCell(5);
        }

        return Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body.ToArray(), 4));
    }

    [Fact]
    public void Get_by_index_and_by_name()
    {
        Row row = People()[0];
        Assert.Equal(1, row.Get<int>(0));
        Assert.Equal(1, row.Get<int>("id"));
        Assert.Equal("ann", row.Get<string>(1));
        Assert.Equal("ann", row.Get<string>("name"));
        Assert.Equal(10, row.Get<int>("Score"));
        Assert.Equal(4, row.Count);
    }

    [Fact]
    public void Indexer_returns_the_natural_type()
    {
        Row row = People()[0];
        Assert.Equal(1, row[0]);
        Assert.Equal("ann", row["name"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), row["ts"]);
        Assert.Null(People()[1]["id"]);
    }

    [Fact]
    public void Name_lookup_ignores_case_for_unquoted_names()
    {
        Row row = People()[0];
        Assert.Equal(1, row.Get<int>("ID"));
        Assert.Equal("ann", row.Get<string>("Name"));
        Assert.Equal(10, row.Get<int>("score"));
        Assert.Equal(10, row.Get<int>("SCORE"));
    }

    [Fact]
    public void Quoted_name_lookup_is_exact()
    {
        Row row = People()[0];
        Assert.Equal(10, row.Get<int>("\"Score\""));
        Assert.Equal(1, row.Get<int>("\"id\""));
        Assert.Throws<ArgumentException>(() => row.Get<int>("\"score\""));
        Assert.Throws<ArgumentException>(() => row.Get<int>("\"ID\""));
    }

    [Fact]
    public void Unknown_column_name_is_an_ArgumentException_listing_the_columns()
    {
        var ex = Assert.Throws<ArgumentException>(() => People()[0].Get<int>("nope"));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_index_out_of_range_is_an_ArgumentOutOfRangeException()
    {
        Row row = People()[0];
        Assert.Throws<ArgumentOutOfRangeException>(() => row.Get<int>(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => row.Get<int>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => People()[2]);
    }

    [Fact]
    public void Spec_4_2_5_2_null_value_read_as_a_non_nullable_value_type_throws_naming_the_column()
    {
        Row row = People()[1];
        var ex = Assert.Throws<InvalidCastException>(() => row.Get<int>("id"));
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        var ex2 = Assert.Throws<InvalidCastException>(() => row.Get<int>(2));
        Assert.Contains("'Score'", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_4_2_5_2_null_value_read_as_a_nullable_or_reference_type_is_null()
    {
        Row row = People()[1];
        Assert.Null(row.Get<int?>("id"));
        Assert.Null(row.Get<string>("name"));
        Assert.Null(row.Get<DateTimeOffset?>("ts"));
        Assert.Null(row.Get<object>("id"));
        Assert.True(row.IsNull("id"));
        Assert.True(row.IsNull(1));
        Assert.False(People()[0].IsNull("id"));
    }

    [Fact]
    public void Non_null_value_read_as_nullable_gives_the_value()
    {
        Row row = People()[0];
        Assert.Equal(1, row.Get<int?>("id"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), row.Get<DateTimeOffset?>("ts"));
    }

    [Fact]
    public void Type_mismatch_is_an_InvalidCastException_naming_both_types()
    {
        Row row = People()[0];
        var ex = Assert.Throws<InvalidCastException>(() => row.Get<string>("id"));
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        TypeName.AssertNamed(ex.Message, typeof(int));
        TypeName.AssertNamed(ex.Message, typeof(string));

        var ex2 = Assert.Throws<InvalidCastException>(() => row.Get<Guid>("name"));
        TypeName.AssertNamed(ex2.Message, typeof(string));
        TypeName.AssertNamed(ex2.Message, typeof(Guid));
    }

    [Fact]
    public void Spec_5_18_timestamp_reads_as_DateTimeOffset_utc_DateTime_or_raw_milliseconds()
    {
        Row row = People()[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), row.Get<DateTimeOffset>("ts"));
        DateTime utc = row.Get<DateTime>("ts");
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc), utc);
        Assert.Equal(1000L, row.Get<long>("ts"));
    }

    [Fact]
    public void Raw_value_is_the_bytes_of_the_cell()
    {
        RowSet rows = People();
        Assert.True(rows.TryGetRawValue(0, 1, out ReadOnlySpan<byte> raw));
        Assert.Equal("ann"u8.ToArray(), raw.ToArray());
        Assert.False(rows.TryGetRawValue(1, 1, out _));
        Assert.Equal(10, rows.Read(0, 2, CqlCodecs.Int32));
        Assert.Equal(0, rows.Read(1, 2, CqlCodecs.Int32));
    }

    [Fact]
    public void Enumerating_gives_every_row_in_order()
    {
        Assert.Equal(new int?[] { 1, null }, People().Select(r => r.Get<int?>("id")));
    }

    [Fact]
    public void WasApplied_reads_the_applied_column_of_a_conditional_update()
    {
        Assert.True(Applied(true).WasApplied);
        Assert.False(Applied(false).WasApplied);
    }

    [Fact]
    public void WasApplied_is_true_without_an_applied_column()
    {
        Assert.True(Applied(null).WasApplied);
        Assert.True(RowSet.Empty().WasApplied);
    }
}
