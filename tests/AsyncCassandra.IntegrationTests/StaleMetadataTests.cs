namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// Prepared statements whose table another client alters (CASSANDRA-10786): the prepared id stays the same, so this
/// client never hears UNPREPARED, and its cached result metadata goes stale while it asks the server to skip sending
/// it (skip_metadata, spec v3/v4 §4.1.4 flag 0x02). The server's metadata must win.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class StaleMetadataTests(NodeFixture fixture)
{
    private static string NewTable(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_column_added_by_another_client_is_read_by_a_prepared_SELECT_star_that_skipped_metadata()
    {
        string table = NewTable("stale_add");
        AsyncSession first = fixture.Session;
        await first.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, a int)");
        await first.ExecuteAsync($"INSERT INTO {table} (k, a) VALUES (1, 10)");
        PreparedStatement select = await first.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
        RowSet before = await first.ExecuteAsync(select.Bind(1));
        Assert.Equal(["k", "a"], before.Columns.Select(c => c.Name));

        // Another client (its own cluster, so its own connections and events) alters the table and re-prepares.
        await using (var other = new AsyncCluster(fixture.NewOptions()))
        {
            await using AsyncSession second = await other.ConnectAsync();
            await second.ExecuteAsync($"ALTER TABLE {table} ADD b text");
            await second.ExecuteAsync($"UPDATE {table} SET b = 'bee' WHERE k = 1");
            PreparedStatement again = await second.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
            Assert.Equal(select.Id.ToArray(), again.Id.ToArray()); // the same id: nothing tells the first client
            Assert.Equal(3, (await second.ExecuteAsync(again.Bind(1))).Columns.Count);
        }

        for (int i = 0; i < 3; i++)
        {
            RowSet after = await first.ExecuteAsync(select.Bind(1));
            Row row = Assert.Single(after);
            Assert.Equal(["k", "a", "b"], after.Columns.Select(c => c.Name));
            Assert.Equal(10, row.Get<int>("a"));
            Assert.Equal("bee", row.Get<string>("b"));
        }

        Assert.Equal(3, select.ResultColumns.Count);
    }

    [Fact]
    public async Task A_stale_column_count_is_recovered_even_when_no_schema_event_was_heard()
    {
        string table = NewTable("stale_quiet");
        long refreshes = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CassandraDiagnostics.MeterName && instrument.Name == "cassandra.client.prepared_statements.metadata_refreshes")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref refreshes, v));
        listener.Start();
        AsyncSession first = fixture.Session;
        await first.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, a int)");
        await first.ExecuteAsync($"INSERT INTO {table} (k, a) VALUES (1, 10)");
        PreparedStatement select = await first.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
        Assert.Equal(2, (await first.ExecuteAsync(select.Bind(1))).Columns.Count);

        await using (var other = new AsyncCluster(fixture.NewOptions()))
        {
            await using AsyncSession second = await other.ConnectAsync();
            await second.ExecuteAsync($"ALTER TABLE {table} ADD b text");
            await second.ExecuteAsync($"UPDATE {table} SET b = 'bee' WHERE k = 1");
            await second.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
        }

        // As if the event was lost (a control connection reconnecting, a debounce window): the cached columns still
        // look current, so the execution skips metadata and the column count is what shows the change.
        select.Update(select.State with { SchemaGeneration = fixture.Cluster.Core.SchemaGeneration });
        RowSet after = await first.ExecuteAsync(select.Bind(1));
        Assert.Equal(["k", "a", "b"], after.Columns.Select(c => c.Name));
        Assert.Equal("bee", Assert.Single(after).Get<string>("b"));
        Assert.Equal(3, select.ResultColumns.Count);
        Assert.True(Interlocked.Read(ref refreshes) >= 1, "cassandra.client.prepared_statements.metadata_refreshes counted no refresh");
    }

    [Fact]
    public async Task A_column_type_changed_by_another_client_is_decoded_with_the_server_type_once_the_schema_event_arrives()
    {
        string table = NewTable("stale_type");
        AsyncSession first = fixture.Session;
        await first.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, a text)");
        await first.ExecuteAsync($"INSERT INTO {table} (k, a) VALUES (1, 'hi')");
        PreparedStatement select = await first.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
        Assert.Equal("hi", Assert.Single(await first.ExecuteAsync(select.Bind(1))).Get<string>("a"));

        long generation = fixture.Cluster.Core.SchemaGeneration;
        await using (var other = new AsyncCluster(fixture.NewOptions()))
        {
            await using AsyncSession second = await other.ConnectAsync();
            await second.ExecuteAsync($"ALTER TABLE {table} ALTER a TYPE blob"); // text to blob: same count, new type
            await second.PrepareAsync($"SELECT * FROM {table} WHERE k = ?");
        }

        // The first cluster's control connection hears SCHEMA_CHANGE; the count alone could not show this change.
        for (int i = 0; i < 200 && fixture.Cluster.Core.SchemaGeneration == generation; i++)
        {
            await Task.Delay(50);
        }

        Assert.NotEqual(generation, fixture.Cluster.Core.SchemaGeneration);
        RowSet after = await first.ExecuteAsync(select.Bind(1));
        Assert.Equal(CqlTypeCode.Blob, after.Columns[1].Type.Code);
        Assert.Equal("hi"u8.ToArray(), Assert.Single(after).Get<byte[]>("a"));
        Assert.Equal(CqlTypeCode.Blob, select.ResultColumns[1].Type.Code);
    }
}
