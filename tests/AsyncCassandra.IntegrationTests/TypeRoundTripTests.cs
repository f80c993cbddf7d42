using System.Net;
using System.Numerics;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// Every CQL type protocol v3 carries (spec v3 §6-7), written and read back through prepared and unprepared statements.
/// Cassandra 2.1.0 nests collections only through tuples and user-defined types (frozen&lt;list&gt; came in 2.1.3), so
/// nesting is tested as list&lt;tuple&gt;, map&lt;int, udt&gt;, tuple&lt;int, list&gt; and a UDT with a list field.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class TypeRoundTripTests(NodeFixture fixture) : IAsyncLifetime
{
    private const string Columns = "id, a, b, bl, bo, de, d, f, i, n, t, ts, u, tu, vi, l, s, m, nl, nm, tup, cu, tl";

    public async Task InitializeAsync()
    {
        AsyncSession s = fixture.Session;
        await s.ExecuteAsync("CREATE TYPE IF NOT EXISTS address (street text, zip int, tags list<text>)");
        await s.ExecuteAsync(@"CREATE TABLE IF NOT EXISTS all_types (
            id int PRIMARY KEY, a ascii, b bigint, bl blob, bo boolean, de decimal, d double, f float, i inet, n int, t text,
            ts timestamp, u uuid, tu timeuuid, vi varint, l list<int>, s set<text>, m map<text, bigint>,
            nl list<frozen<tuple<int, text>>>, nm map<int, frozen<address>>, tup frozen<tuple<int, text, double>>, ud frozen<address>, tl frozen<tuple<int, list<text>>>,
            cu 'org.apache.cassandra.db.marshal.LexicalUUIDType')");
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, c counter)");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static object?[] SampleValues(int id, bool large, bool prepared = true)
    {
        string text = large ? new string('é', 300_000) : "héllo wörld ✓";
        return
        [
            id,
            "plain ascii",
            long.MinValue + 1,
            large ? Enumerable.Range(0, 1_000_000).Select(i => (byte)i).ToArray() : new byte[] { 0, 1, 2, 255 },
            true,
            -12345.6789m,
            Math.PI,
            1.5f,
            IPAddress.Parse(id % 2 == 0 ? "10.1.2.3" : "2001:db8::1"),
            int.MinValue,
            text,
            new DateTimeOffset(1969, 7, 20, 20, 17, 40, 123, TimeSpan.Zero),
            Guid.NewGuid(),
            TimeUuid.NewId(),
            BigInteger.Parse("-123456789012345678901234567890"),
            new List<int> { 1, -2, 3 },
            new HashSet<string> { "a", "b" },
            new Dictionary<string, long> { ["x"] = 1, ["y"] = long.MaxValue },
            new List<(int, string)> { (1, "one"), (2, "two") },
            // Unprepared values carry no column types, and a dictionary is sent as a map, not a UDT.
            prepared ? new Dictionary<int, Dictionary<string, object?>> { [1] = new() { ["street"] = "a", ["zip"] = 1, ["tags"] = new List<string> { "x", "y" } } } : null,
            (7, "seven", 7.5),
            Guid.NewGuid().ToByteArray(),
            (5, new List<string> { "five", "cinq" }),
        ];
    }

    private static void AssertRow(object?[] expected, Row row)
    {
        Assert.Equal((int)expected[0]!, row.Get<int>("id"));
        Assert.Equal((string)expected[1]!, row.Get<string>("a"));
        Assert.Equal((long)expected[2]!, row.Get<long>("b"));
        Assert.Equal((byte[])expected[3]!, row.Get<byte[]>("bl"));
        Assert.True(row.Get<bool>("bo"));
        Assert.Equal((decimal)expected[5]!, row.Get<decimal>("de"));
        Assert.Equal((double)expected[6]!, row.Get<double>("d"));
        Assert.Equal((float)expected[7]!, row.Get<float>("f"));
        Assert.Equal((IPAddress)expected[8]!, row.Get<IPAddress>("i"));
        Assert.Equal((int)expected[9]!, row.Get<int>("n"));
        Assert.Equal((string)expected[10]!, row.Get<string>("t"));
        Assert.Equal((DateTimeOffset)expected[11]!, row.Get<DateTimeOffset>("ts"));
        Assert.Equal(((DateTimeOffset)expected[11]!).UtcDateTime, row.Get<DateTime>("ts"));
        Assert.Equal((Guid)expected[12]!, row.Get<Guid>("u"));
        Assert.Equal((Guid)expected[13]!, row.Get<Guid>("tu"));
        Assert.Equal((BigInteger)expected[14]!, row.Get<BigInteger>("vi"));
        Assert.Equal((List<int>)expected[15]!, row.Get<List<int>>("l"));
        Assert.Equal((HashSet<string>)expected[16]!, row.Get<HashSet<string>>("s"));
        Assert.Equal((Dictionary<string, long>)expected[17]!, row.Get<Dictionary<string, long>>("m"));
        List<object?> nl = row.Get<List<object?>>("nl");
        Assert.Equal([new object?[] { 1, "one" }, new object?[] { 2, "two" }], nl);
        if (expected[19] is not null)
        {
            var address = (Dictionary<string, object?>)row.Get<Dictionary<int, object?>>("nm")[1]!;
            Assert.Equal("a", address["street"]);
            Assert.Equal(1, address["zip"]);
            Assert.Equal(new List<string> { "x", "y" }, address["tags"]);
        }

        object?[] tl = row.Get<object?[]>("tl");
        Assert.Equal(5, tl[0]);
        Assert.Equal(new List<string> { "five", "cinq" }, tl[1]);
        object?[] tuple = row.Get<object?[]>("tup");
        Assert.Equal(new object?[] { 7, "seven", 7.5 }, tuple);
        Assert.Equal((byte[])expected[21]!, row.Get<byte[]>("cu"));
        Assert.Equal(CqlTypeCode.Custom, row.Columns[row.Columns.IndexOf("cu")].Type.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_v3_type_round_trips_through_a_prepared_statement(bool large)
    {
        AsyncSession s = fixture.Session;
        int id = large ? 2 : 1;
        object?[] values = SampleValues(id, large);
        PreparedStatement insert = await s.PrepareAsync($"INSERT INTO all_types ({Columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", values.Length))})");
        await s.ExecuteAsync(insert.Bind(values));
        PreparedStatement select = await s.PrepareAsync($"SELECT {Columns} FROM all_types WHERE id = ?");
        RowSet rows = await s.ExecuteAsync(select.Bind(id));
        AssertRow(values, Assert.Single(rows));
    }

    [Fact]
    public async Task Every_v3_type_round_trips_through_an_unprepared_statement()
    {
        AsyncSession s = fixture.Session;
        object?[] values = SampleValues(3, large: false, prepared: false);
        await s.ExecuteAsync($"INSERT INTO all_types ({Columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", values.Length))})", values);
        RowSet rows = await s.ExecuteAsync($"SELECT {Columns} FROM all_types WHERE id = ?", [3]);
        AssertRow(values, Assert.Single(rows));
    }

    [Fact]
    public async Task Udt_values_round_trip_as_field_dictionaries_and_missing_fields_are_null()
    {
        AsyncSession s = fixture.Session;
        PreparedStatement insert = await s.PrepareAsync("INSERT INTO all_types (id, ud) VALUES (?, ?)");
        var address = new Dictionary<string, object?> { ["street"] = "1 Main St", ["zip"] = 12345, ["tags"] = new List<string> { "home" } };
        await s.ExecuteAsync(insert.Bind(10, address));
        await s.ExecuteAsync(insert.Bind(11, new Dictionary<string, object?> { ["street"] = "only street" }));
        RowSet rows = await s.ExecuteAsync("SELECT id, ud FROM all_types WHERE id IN (10, 11)");
        var byId = rows.ToDictionary(r => r.Get<int>(0), r => r.Get<Dictionary<string, object?>>(1));
        Assert.Equal("1 Main St", byId[10]["street"]);
        Assert.Equal(12345, byId[10]["zip"]);
        Assert.Equal(new List<string> { "home" }, byId[10]["tags"]);
        Assert.Equal("only street", byId[11]["street"]);
        Assert.Null(byId[11]["zip"]);
        Assert.Equal(CqlTypeCode.Udt, rows.Columns[1].Type.Code);
        Assert.Equal(["street", "zip", "tags"], rows.Columns[1].Type.FieldNames);
    }

    [Fact]
    public async Task Nulls_and_empty_values_round_trip()
    {
        AsyncSession s = fixture.Session;
        PreparedStatement insert = await s.PrepareAsync("INSERT INTO all_types (id, a, t, bl, n, l, m, tup) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        await s.ExecuteAsync(insert.Bind(20, null, string.Empty, Array.Empty<byte>(), null, null, null, (1, (string?)null, (double?)null)));
        Row row = Assert.Single(await s.ExecuteAsync("SELECT a, t, bl, n, l, m, tup FROM all_types WHERE id = 20"));
        Assert.True(row.IsNull("a"));
        Assert.Null(row.Get<string?>("a"));
        Assert.Equal(string.Empty, row.Get<string>("t"));
        Assert.Empty(row.Get<byte[]>("bl"));
        Assert.Null(row.Get<int?>("n"));
        var error = Assert.Throws<InvalidCastException>(() => row.Get<int>("n"));
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
        Assert.Contains("int?", error.Message, StringComparison.OrdinalIgnoreCase);
        // Cassandra stores an empty collection as no collection at all.
        Assert.True(row.IsNull("l"));
        Assert.Null(row.Get<List<int>?>("l"));
        Assert.Equal(new object?[] { 1, null, null }, row.Get<object?[]>("tup"));
    }

    [Fact]
    public async Task Counters_round_trip_through_updates()
    {
        AsyncSession s = fixture.Session;
        PreparedStatement add = await s.PrepareAsync("UPDATE counters SET c = c + ? WHERE id = ?");
        await s.ExecuteAsync("TRUNCATE counters");
        await s.ExecuteAsync(add.Bind(5L, 1));
        await s.ExecuteAsync(add.Bind(-2L, 1));
        await s.ExecuteAsync(new SimpleStatement("UPDATE counters SET c = c + ? WHERE id = ?", 10L, 1));
        Row row = Assert.Single(await s.ExecuteAsync("SELECT c FROM counters WHERE id = 1"));
        Assert.Equal(13L, row.Get<long>("c"));
        Assert.Equal(CqlTypeCode.Counter, row.Columns[0].Type.Code);
    }

    [Fact]
    public async Task Reading_a_column_as_the_wrong_type_names_the_column_and_both_types()
    {
        AsyncSession s = fixture.Session;
        await s.ExecuteAsync("INSERT INTO all_types (id, n, t) VALUES (30, 5, 'five')");
        Row row = Assert.Single(await s.ExecuteAsync("SELECT n, t FROM all_types WHERE id = 30"));
        var error = Assert.Throws<InvalidCastException>(() => row.Get<string>("n"));
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
        Assert.Contains("int", error.Message, StringComparison.Ordinal);
        Assert.Contains("as string", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => row.Get<int>("no_such_column"));
        Assert.Equal(5, row.Get<int>("N"));
    }

    [Fact]
    public async Task Binding_a_value_of_the_wrong_type_fails_before_sending_and_names_the_marker()
    {
        AsyncSession s = fixture.Session;
        PreparedStatement insert = await s.PrepareAsync("INSERT INTO all_types (id, n) VALUES (?, ?)");
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => s.ExecuteAsync(insert.Bind(40, "not an int")));
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => insert.Bind(40));
        // The session is unaffected.
        await s.ExecuteAsync(insert.Bind(40, 4));
    }
}
