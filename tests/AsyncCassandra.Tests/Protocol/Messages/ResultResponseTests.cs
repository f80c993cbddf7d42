using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>RESULT (§4.2.5): [int] kind then Void (4.2.5.1), Rows (4.2.5.2), Set_keyspace (4.2.5.3), Prepared (4.2.5.4), Schema_change (4.2.5.5).</summary>
public class ResultResponseTests
{
    private static object Read(Body body, byte version = 4, ColumnDefinitions? known = null) =>
        Wire.ReadResponse(Opcode.Result, body.ToArray(), version, HeaderFlags.None, known);

    private static Body Result(int kind) => new Body().Int(kind);

    [Fact]
    public void Spec_4_2_5_1_void_is_an_empty_row_set()
    {
        var rows = Assert.IsType<RowSet>(Read(Result(0x0001)));
        Assert.Empty(rows);
        Assert.Empty(rows.Columns);
        Assert.Null(rows.PagingState);
        Assert.Null(rows.TracingId);
    }

    [Fact]
    public void Spec_4_2_5_2_rows_with_global_table_spec()
    {
        Body body = Result(0x0002)
            .Int(0x0001).Int(2) // flags Global_tables_spec, columns_count 2
            .String("ks").String("users") // <global_table_spec>
            .String("id").Short(0x0009) // col_spec: name, [option] int
            .String("name").Short(0x000D) // varchar
            .Int(2) // rows_count
            .IntCell(1).TextCell("bob")
            .IntCell(2).Bytes(null);
        var rows = Assert.IsType<RowSet>(Read(body));
        Assert.Equal(2, rows.Columns.Count);
        Assert.All(rows.Columns, c => Assert.Equal(("ks", "users"), (c.Keyspace, c.Table)));
        Assert.Equal(["id", "name"], rows.Columns.Select(c => c.Name));
        Assert.Equal(CqlType.Int, rows.Columns[0].Type);
        Assert.Equal(CqlType.Text, rows.Columns[1].Type);
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Get<int>("id"));
        Assert.Equal("bob", rows[0].Get<string>("name"));
        Assert.Equal(2, rows[1].Get<int>(0));
        Assert.True(rows[1].IsNull(1));
        Assert.Null(rows.PagingState);
    }

    [Fact]
    public void Spec_4_2_5_2_rows_without_global_table_spec_carry_keyspace_and_table_per_column()
    {
        Body body = Result(0x0002)
            .Int(0x0000).Int(2)
            .String("ks1").String("t1").String("a").Short(0x0002) // bigint
            .String("ks2").String("t2").String("b").Short(0x0020).Short(0x000D) // list<text>
            .Int(1)
            .Int(8).Long(-5)
            .Int(12).Int(1).Int(4).Raw("abcd"u8.ToArray());
        var rows = Assert.IsType<RowSet>(Read(body));
        Assert.Equal(("ks1", "t1"), (rows.Columns[0].Keyspace, rows.Columns[0].Table));
        Assert.Equal(("ks2", "t2"), (rows.Columns[1].Keyspace, rows.Columns[1].Table));
        Assert.Equal(-5L, rows[0].Get<long>("a"));
        Assert.Equal(["abcd"], rows[0].Get<List<string>>("b"));
    }

    [Fact]
    public void Spec_4_2_5_2_zero_rows_keep_their_columns()
    {
        Body body = Result(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0004).Int(0);
        var rows = Assert.IsType<RowSet>(Read(body));
        Assert.Empty(rows);
        Assert.Equal("v", Assert.Single(rows.Columns).Name);
    }

    [Fact]
    public void Spec_4_2_5_2_has_more_pages_carries_the_paging_state_bytes()
    {
        Body body = Result(0x0002)
            .Int(0x0001 | 0x0002).Int(1) // Global_tables_spec | Has_more_pages
            .Bytes(Hex.Bytes("010203")) // <paging_state> comes before the table spec
            .String("ks").String("t").String("v").Short(0x0009)
            .Int(1).IntCell(9);
        var rows = Assert.IsType<RowSet>(Read(body));
        Assert.Equal(Hex.Bytes("010203"), rows.PagingState);
        Assert.Equal(9, rows[0].Get<int>(0));
    }

    [Fact]
    public void Spec_4_2_5_2_no_metadata_uses_the_columns_known_from_prepare()
    {
        var known = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "v", CqlType.Int)]);
        Body body = Result(0x0002)
            .Int(0x0004 | 0x0002).Int(1) // No_metadata | Has_more_pages: flags, count, paging state only
            .Bytes(Hex.Bytes("FF"))
            .Int(2).IntCell(1).IntCell(2);
        var rows = Assert.IsType<RowSet>(Read(body, 4, known));
        Assert.Same(known, rows.Columns);
        Assert.Equal(Hex.Bytes("FF"), rows.PagingState);
        Assert.Equal([1, 2], rows.Select(r => r.Get<int>("v")));
    }

    [Fact]
    public void Spec_4_2_5_2_no_metadata_without_known_columns_is_a_ProtocolException()
    {
        Body body = Result(0x0002).Int(0x0004).Int(1).Int(1).IntCell(1);
        Assert.Throws<ProtocolException>(() => Read(body));
    }

    [Fact]
    public void Spec_4_2_5_2_no_metadata_with_a_different_column_count_is_a_stale_metadata_ProtocolException()
    {
        // The table changed under the prepared statement (CASSANDRA-10786): the pipeline asks again for the metadata.
        var known = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "v", CqlType.Int)]);
        Body body = Result(0x0002).Int(0x0004).Int(2).Int(1).IntCell(1).IntCell(2);
        var stale = Assert.IsType<StaleResultMetadataException>(Assert.ThrowsAny<ProtocolException>(() => Read(body, 4, known)));
        Assert.Equal(2, stale.ServerColumns);
        Assert.Equal(1, stale.CachedColumns);
    }

    [Fact]
    public void Spec_v5_4_2_5_2_metadata_changed_carries_the_new_metadata_id_before_the_columns()
    {
        Body body = Result(0x0002)
            .Int(0x0008 | 0x0002 | 0x0001).Int(1) // Metadata_changed | Has_more_pages | Global_tables_spec
            .Bytes(Hex.Bytes("77")) // <paging_state> first
            .ShortBytes(Hex.Bytes("ABCD")) // then <new_metadata_id>
            .String("ks").String("t").String("v").Short(0x0009)
            .Int(1).IntCell(3);
        var rows = Assert.IsType<RowSet>(Read(body, 5));
        Assert.Equal(Hex.Bytes("ABCD"), rows.NewResultMetadataId);
        Assert.Equal(Hex.Bytes("77"), rows.PagingState);
        Assert.Equal(3, rows[0].Get<int>("v"));
    }

    [Theory]
    [InlineData(1000, 4)] // 1000 rows announced, 4 bytes left
    [InlineData(-1, 0)]
    public void Spec_4_2_5_2_rows_count_that_cannot_fit_is_a_ProtocolException(int rowsCount, int trailing)
    {
        Body body = Result(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0009).Int(rowsCount).Raw(new byte[trailing]);
        Assert.Throws<ProtocolException>(() => Read(body));
    }

    [Fact]
    public void Spec_4_2_5_2_row_value_cut_short_is_a_ProtocolException()
    {
        Body body = Result(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0009).Int(1).Int(4).Raw(0, 0);
        Assert.Throws<ProtocolException>(() => Read(body));
    }

    [Fact]
    public void Spec_4_2_5_3_set_keyspace_is_a_string()
    {
        Assert.Equal("my_ks", Assert.IsType<string>(Read(Result(0x0003).String("my_ks"))));
    }

    [Fact]
    public void Spec_v3_4_2_5_4_prepared_is_id_metadata_result_metadata_without_pk_indexes()
    {
        Body body = Result(0x0004)
            .ShortBytes(Hex.Bytes("0102"))
            .Int(0x0001).Int(1).String("ks").String("t").String("k").Short(0x0009) // <metadata>: 1 bind marker
            .Int(0x0004).Int(0); // <result_metadata>: No_metadata, 0 columns
        var prepared = Assert.IsType<PreparedResult>(Read(body, 3));
        Assert.Equal(Hex.Bytes("0102"), prepared.Id);
        Assert.Null(prepared.ResultMetadataId);
        Assert.Empty(prepared.PartitionKeyIndexes);
        ColumnDefinition marker = Assert.Single(prepared.Variables);
        Assert.Equal(("ks", "t", "k"), (marker.Keyspace, marker.Table, marker.Name));
        Assert.Equal(CqlType.Int, marker.Type);
        Assert.Null(prepared.ResultMetadata.Columns);
        Assert.Equal(0, prepared.ResultMetadata.ColumnCount);
    }

    [Fact]
    public void Spec_v4_4_2_5_4_prepared_has_pk_count_and_short_pk_indexes()
    {
        Body body = Result(0x0004)
            .ShortBytes(Hex.Bytes("AA"))
            .Int(0x0001).Int(3).Int(2).Short(2).Short(0) // 3 markers; partition key = markers 2 then 0
            .String("ks").String("t")
            .String("b").Short(0x000D)
            .String("c").Short(0x0002)
            .String("a").Short(0x000C)
            .Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0004); // result: one boolean column
        var prepared = Assert.IsType<PreparedResult>(Read(body, 4));
        Assert.Equal([2, 0], prepared.PartitionKeyIndexes);
        Assert.Equal(["b", "c", "a"], prepared.Variables.Select(v => v.Name));
        ColumnDefinition result = Assert.Single(prepared.ResultMetadata.Columns!);
        Assert.Equal(CqlType.Native(CqlTypeCode.Boolean), result.Type);
    }

    [Fact]
    public void Spec_v5_4_2_5_4_prepared_has_the_result_metadata_id_after_the_id()
    {
        Body body = Result(0x0004)
            .ShortBytes(Hex.Bytes("AA"))
            .ShortBytes(Hex.Bytes("BBCC")) // <result_metadata_id>
            .Int(0x0000).Int(1).Int(1).Short(0)
            .String("ks").String("t").String("k").Short(0x0009)
            .Int(0x0004).Int(0);
        var prepared = Assert.IsType<PreparedResult>(Read(body, 5));
        Assert.Equal(Hex.Bytes("AA"), prepared.Id);
        Assert.Equal(Hex.Bytes("BBCC"), prepared.ResultMetadataId);
        Assert.Equal([0], prepared.PartitionKeyIndexes);
        Assert.Equal("k", Assert.Single(prepared.Variables).Name);
    }

    [Fact]
    public void Spec_v4_4_2_5_4_more_pk_indexes_than_markers_is_a_ProtocolException()
    {
        Body body = Result(0x0004).ShortBytes(Hex.Bytes("AA")).Int(0).Int(1).Int(2).Short(0).Short(0)
            .String("ks").String("t").String("k").Short(0x0009).Int(0x0004).Int(0);
        Assert.Throws<ProtocolException>(() => Read(body, 4));
    }

    [Fact]
    public void Spec_4_2_5_5_schema_change_table()
    {
        var change = Assert.IsType<SchemaChange>(Read(Result(0x0005).String("CREATED").String("TABLE").String("ks").String("users")));
        Assert.Equal(new SchemaChange("CREATED", "TABLE", "ks", "users", null), change);
    }

    [Fact]
    public void Spec_4_2_5_5_schema_change_keyspace_has_only_the_keyspace()
    {
        var change = Assert.IsType<SchemaChange>(Read(Result(0x0005).String("DROPPED").String("KEYSPACE").String("ks")));
        Assert.Equal(("DROPPED", "KEYSPACE", "ks"), (change.ChangeType, change.Target, change.Keyspace));
        Assert.Null(change.Name);
    }

    [Fact]
    public void Spec_v4_4_2_5_5_schema_change_function_has_name_and_argument_types()
    {
        var change = Assert.IsType<SchemaChange>(Read(Result(0x0005).String("UPDATED").String("FUNCTION").String("ks").String("fn").StringList("int", "text")));
        Assert.Equal("fn", change.Name);
        Assert.Equal(["int", "text"], change.ArgumentTypes!);
    }

    [Fact]
    public void Spec_4_2_5_unknown_kind_is_a_ProtocolException()
    {
        Assert.Throws<ProtocolException>(() => Read(Result(0x0006)));
    }
}
