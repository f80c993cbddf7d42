namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// Empty values from a real node (spec v3 §6: "a value of length 0 is empty, distinct from null"): <c>blobAsInt(0x)</c>
/// makes an int of zero bytes, read unprepared and prepared.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class EmptyValueTests(NodeFixture fixture)
{
    [Fact]
    public async Task BlobAsInt_of_an_empty_blob_reads_as_null_into_int_and_as_EmptyValueException_into_int()
    {
        // Cassandra 2.1 takes no literal arguments in selectors, so the empty int is written by blobAsInt(0x) and read back.
        await fixture.Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS empty_ints (k int PRIMARY KEY, v int)");
        await fixture.Session.ExecuteAsync("INSERT INTO empty_ints (k, v) VALUES (1, blobAsInt(0x))");
        RowSet rows = await fixture.Session.ExecuteAsync("SELECT v FROM empty_ints WHERE k = 1");
        Row row = Assert.Single(rows);
        Assert.False(row.IsNull(0));
        Assert.True(row.IsEmpty(0));
        Assert.Null(row.Get<int?>(0));
        Assert.Null(row.GetValue(0));
        var ex = Assert.Throws<EmptyValueException>(() => row.Get<int>(0));
        Assert.Equal(CqlTypeCode.Int, ex.Type!.Code);
    }

    [Fact]
    public async Task An_empty_int_stored_in_a_table_reads_as_null_through_a_prepared_statement()
    {
        AsyncSession s = fixture.Session;
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS empty_values (k int PRIMARY KEY, v int, u uuid, t text)");
        await s.ExecuteAsync("INSERT INTO empty_values (k, v, u, t) VALUES (1, blobAsInt(0x), blobAsUuid(0x), '')");
        PreparedStatement select = await s.PrepareAsync("SELECT v, u, t FROM empty_values WHERE k = ?");
        Row row = Assert.Single(await s.ExecuteAsync(select.Bind(1)));
        Assert.Null(row.Get<int?>("v"));
        Assert.Null(row.Get<Guid?>("u"));
        Assert.Equal(string.Empty, row.Get<string>("t"));
        Assert.Throws<EmptyValueException>(() => row.Get<int>("v"));
        Assert.Contains("v=null", row.ToString(), StringComparison.Ordinal);
    }
}
