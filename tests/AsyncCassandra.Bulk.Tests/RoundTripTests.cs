using System.Text;
using System.Text.Json;
using AsyncCassandra.Metadata;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>Export then import into an empty copy gives back every row and value, byte for byte; bad input rows are reported and skipped.</summary>
[Collection(BulkNodeCollection.Name)]
public sealed class RoundTripTests(BulkNodeFixture node)
{
    [Theory]
    [InlineData(BulkFormat.Csv)]
    [InlineData(BulkFormat.Ndjson)]
    public async Task Export_then_import_into_an_empty_copy_keeps_every_row_and_value(BulkFormat format)
    {
        string ks = BulkNodeFixture.Keyspace;
        await AllTypesTable.CreateAsync(node.Session, ks, "alltypes", withRows: true);
        string copy = "alltypes_copy_" + format.ToString().ToLowerInvariant();
        await AllTypesTable.CreateAsync(node.Session, ks, copy, withRows: false);
        string file = Path.Combine(node.Directory, "alltypes." + format.ToString().ToLowerInvariant());
        var bulk = new BulkOperations(node.Session);

        ExportResult exported = await bulk.ExportAsync(ks, "alltypes", new ExportOptions { OutputPath = file, Format = format });
        Assert.Equal(AllTypesTable.Rows.Length, exported.Rows);
        Assert.Equal(new FileInfo(file).Length, exported.Bytes);
        Assert.False(File.Exists(file + ".partial"));
        ImportResult imported = await bulk.ImportAsync(ks, copy, new ImportOptions { InputPath = file, Format = format });
        Assert.Empty(imported.Errors);
        Assert.Equal(AllTypesTable.Rows.Length, imported.Rows);

        Dictionary<int, byte[]?[]> original = await AllTypesTable.ReadAsync(node.Session, ks, "alltypes");
        Dictionary<int, byte[]?[]> restored = await AllTypesTable.ReadAsync(node.Session, ks, copy);
        Assert.Equal(original.Keys.Order(), restored.Keys.Order());
        TableMetadata table = await node.Cluster.Metadata.GetTableAsync(ks, "alltypes");
        foreach ((int id, byte[]?[] values) in original)
        {
            for (int c = 0; c < values.Length; c++)
            {
                Assert.True(Same(values[c], restored[id][c]), $"row {id}, column {table.Columns[c].Name}: {Show(values[c])} became {Show(restored[id][c])}");
            }
        }

        // Null and empty stay apart: row 1 has empty text, blob and int where row 0 has nulls.
        Assert.NotNull(restored[1][Index(table, "t")]);
        Assert.Empty(restored[1][Index(table, "t")]!);
        Assert.Empty(restored[1][Index(table, "i")]!);
        Assert.Null(restored[0][Index(table, "t")]);
    }

    [Fact]
    public async Task Csv_text_forms_are_the_documented_ones()
    {
        string ks = BulkNodeFixture.Keyspace;
        await AllTypesTable.CreateAsync(node.Session, ks, "alltypes_forms", withRows: true);
        string file = Path.Combine(node.Directory, "forms.csv");
        await new BulkOperations(node.Session).ExportAsync(ks, "alltypes_forms", new ExportOptions { OutputPath = file, Columns = ["id", "t", "i", "bl", "de", "ts", "s", "m", "tup", "addr"] });
        string[] lines = File.ReadAllText(file, Encoding.UTF8).Split("\r\n");
        Assert.Equal("id,t,i,bl,de,ts,s,m,tup,addr", lines[0]);
        Assert.Contains("0,,,,,,,,,", lines);
        Assert.Contains("1,\"\",\"\",\"\",,,,,,", lines);
        Assert.Contains(lines, l => l.StartsWith("2,\"comma, \"\"quote\"\" and 'apostrophe'\nsecond line; é ü 日本 🙂\",-7,0xcafebabe,1.50,2024-05-01T12:30:00.123Z,\"[1,2,3]\",\"{\"\"k,2\"\":-0.5,\"\"k1\"\":1.25}\",\"[7,\"\"seven\"\",\"\"0x07\"\"]\",\"{\"\"street\"\":\"\"Main St, 1\"\",\"\"zip\"\":12345,\"\"tags\"\":[\"\"home\"\",\"\"work\"\"]}\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3,,2147483647,,-1234567890123456789012345678901234567890.0123456789,-62135596800001,,,\"[null,null,null]\",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_line_and_column_and_the_rest_are_imported()
    {
        string ks = BulkNodeFixture.Keyspace;
        await node.Session.ExecuteAsync($"DROP TABLE IF EXISTS {ks}.people");
        await node.Session.ExecuteAsync($"CREATE TABLE {ks}.people (id int PRIMARY KEY, name text, born timestamp, tags list<text>)");
        string file = Path.Combine(node.Directory, "people.csv");
        string report = Path.Combine(node.Directory, "people-errors.csv");
        File.WriteAllText(file, "id,name,born,tags\n1,Ada,1815-12-10T00:00:00Z,\"[\"\"math\"\"]\"\nx,Bad Id,,\n3,Grace,yesterday,\n4,\"Multi\nline\",,[1\n,No id,,\n6,Edsger,1930-05-11T00:00:00Z,\n");
        var bulk = new BulkOperations(node.Session);

        ImportResult result = await bulk.ImportAsync(ks, "people", new ImportOptions { InputPath = file, ErrorReportPath = report, MaxInFlight = 2 });
        Assert.Equal(2, result.Rows);
        Assert.Equal(4, result.ErrorCount);
        Assert.Equal([(3L, "id"), (4L, "born"), (5L, "tags"), (7L, "id")], result.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Contains("'x' is not a int value", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("ISO 8601", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be null", result.Errors[3].Reason, StringComparison.Ordinal);
        string[] reported = File.ReadAllLines(report);
        Assert.Equal("line,column,reason", reported[0]);
        Assert.Equal(5, reported.Length);
        Assert.StartsWith("4,born,", reported[2], StringComparison.Ordinal);
        RowSet rows = await node.Session.ExecuteAsync($"SELECT id FROM {ks}.people");
        Assert.Equal([1, 6], rows.Select(r => r.Get<int>(0)).Order());

        // Asked to stop at the first error, it stops there, with a typed error.
        await node.Session.ExecuteAsync($"TRUNCATE {ks}.people");
        BulkException stopped = await Assert.ThrowsAsync<BulkException>(() => bulk.ImportAsync(ks, "people", new ImportOptions { InputPath = file, MaxErrors = 0, MaxInFlight = 1 }));
        Assert.Contains("stopped after 1 failed row", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_values_are_json()
    {
        string ks = BulkNodeFixture.Keyspace;
        await AllTypesTable.CreateAsync(node.Session, ks, "alltypes_json", withRows: true);
        string file = Path.Combine(node.Directory, "json.ndjson");
        await new BulkOperations(node.Session).ExportAsync(ks, "alltypes_json", new ExportOptions { OutputPath = file, Format = BulkFormat.Ndjson });
        var rows = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(r => r.GetProperty("id").GetInt32());
        JsonElement two = rows[2];
        Assert.Equal(42, two.GetProperty("b").GetInt64());
        Assert.True(two.GetProperty("bo").GetBoolean());
        Assert.Equal("1.50", two.GetProperty("de").GetString());
        Assert.Equal(12345, two.GetProperty("addr").GetProperty("zip").GetInt32());
        Assert.Equal(JsonValueKind.Array, two.GetProperty("s").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("t").ValueKind);
        Assert.Equal("NaN", rows[3].GetProperty("db").GetString());
        Assert.Equal(string.Empty, rows[1].GetProperty("i").GetString());
    }

    private static int Index(TableMetadata table, string column) => table.Columns.Select((c, i) => (c, i)).First(x => x.c.Name == column).i;

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string Show(byte[]? value) => value is null ? "null" : "0x" + Convert.ToHexString(value);
}
