namespace AsyncCassandra.IntegrationTests;

[Collection(NodeCollection.Name)]
public sealed class SessionFeatureTests(NodeFixture fixture)
{
    [Fact]
    public async Task The_same_text_is_prepared_once_and_concurrent_prepares_share_one_request()
    {
        await fixture.EnsurePagedTableAsync();
        await using var cluster = new AsyncCluster(fixture.NewOptions());
        await using AsyncSession session = await cluster.ConnectAsync();
        string cql = $"SELECT v FROM paged WHERE p = ? AND c = ? /* {Guid.NewGuid()} */";
        PreparedStatement[] all = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => session.PrepareAsync(cql)));
        Assert.Equal(1, session.PrepareRequestsSent);
        Assert.All(all, p => Assert.Same(all[0], p));
        Assert.Same(all[0], await session.PrepareAsync(cql));
        Assert.Equal(1, session.PrepareRequestsSent);
        Assert.Equal(2, all[0].Variables.Count);
        Assert.Equal("p", all[0].Variables[0].Name);
        Assert.Equal(CqlTypeCode.Int, all[0].Variables[0].Type.Code);
        Assert.Equal("v", Assert.Single(all[0].ResultColumns).Name);
    }

    [Fact]
    public async Task Logged_unlogged_and_counter_batches_mix_simple_and_bound_statements()
    {
        AsyncSession s = fixture.Session;
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS batched (id int PRIMARY KEY, v text)");
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS batch_counts (id int PRIMARY KEY, c counter)");
        await s.ExecuteAsync("TRUNCATE batched");
        await s.ExecuteAsync("TRUNCATE batch_counts");
        PreparedStatement insert = await s.PrepareAsync("INSERT INTO batched (id, v) VALUES (?, ?)");
        var logged = new BatchStatement(BatchType.Logged) { insert.Bind(1, "one"), insert.Bind(2, "two"), new SimpleStatement("INSERT INTO batched (id, v) VALUES (?, ?)", 3, "three") };
        await s.ExecuteAsync(logged);
        var unlogged = new BatchStatement(BatchType.Unlogged) { insert.Bind(4, "four"), new SimpleStatement("DELETE FROM batched WHERE id = 1") };
        await s.ExecuteAsync(unlogged);
        PreparedStatement add = await s.PrepareAsync("UPDATE batch_counts SET c = c + ? WHERE id = ?");
        await s.ExecuteAsync(new BatchStatement(BatchType.Counter) { add.Bind(2L, 1), add.Bind(3L, 1) });

        RowSet rows = await s.ExecuteAsync("SELECT id, v FROM batched");
        Assert.Equal(new Dictionary<int, string> { [2] = "two", [3] = "three", [4] = "four" }, rows.ToDictionary(r => r.Get<int>(0), r => r.Get<string>(1)));
        Assert.Equal(5L, (await s.ExecuteAsync("SELECT c FROM batch_counts WHERE id = 1"))[0].Get<long>(0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.ExecuteAsync(new BatchStatement()));
    }

    [Fact]
    public async Task Conditional_statements_report_whether_they_were_applied()
    {
        AsyncSession s = fixture.Session;
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS lwt (id int PRIMARY KEY, v text)");
        int id = Random.Shared.Next();
        RowSet first = await s.ExecuteAsync("INSERT INTO lwt (id, v) VALUES (?, 'a') IF NOT EXISTS", [id]);
        RowSet second = await s.ExecuteAsync("INSERT INTO lwt (id, v) VALUES (?, 'b') IF NOT EXISTS", [id]);
        Assert.True(first.WasApplied);
        Assert.False(second.WasApplied);
        Assert.Equal("a", second[0].Get<string>("v"));
    }

    [Fact]
    public async Task Use_switches_the_keyspace_of_every_connection_of_the_session()
    {
        var options = fixture.NewOptions(keyspace: null);
        options.ConnectionsPerHost = 3;
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS it_other WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS it_other.only_here (id int PRIMARY KEY)");
        await Assert.ThrowsAsync<InvalidQueryException>(() => session.ExecuteAsync("SELECT * FROM only_here"));
        await session.ExecuteAsync("USE it_other");
        Assert.Equal("it_other", session.Keyspace);
        // Many concurrent requests spread over all connections; each switches to the keyspace first.
        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => session.ExecuteAsync("SELECT * FROM only_here")));
        Assert.True(session.OpenConnections().Count >= 2);
        Assert.All(session.OpenConnections(), c => Assert.Equal("it_other", c.Keyspace));

        await using AsyncSession other = await cluster.ConnectAsync("it_other");
        Assert.Equal("it_other", other.Keyspace);
        Assert.Empty(await other.ExecuteAsync("SELECT * FROM only_here WHERE id = 1"));
        await Assert.ThrowsAsync<InvalidQueryException>(() => cluster.ConnectAsync("no_such_keyspace"));
    }

    [Fact]
    public async Task The_2_1_node_negotiates_protocol_v3_and_a_minimum_of_v4_fails_with_a_clear_error()
    {
        Assert.Equal(3, fixture.Cluster.ProtocolVersion);
        var options = fixture.NewOptions();
        options.MinimumProtocolVersion = 4;
        await using var cluster = new AsyncCluster(options);
        var error = await Assert.ThrowsAsync<ProtocolVersionException>(() => cluster.ConnectAsync());
        Assert.Contains("MinimumProtocolVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("v4", error.Message, StringComparison.Ordinal);

        var explicitV3 = fixture.NewOptions();
        explicitV3.ProtocolVersion = 3;
        await using var v3 = new AsyncCluster(explicitV3);
        await using AsyncSession session = await v3.ConnectAsync();
        Assert.Equal(3, v3.ProtocolVersion);
    }

    [Fact]
    public async Task Lz4_compression_round_trips_large_results()
    {
        await fixture.EnsurePagedTableAsync();
        var options = fixture.NewOptions();
        options.Compression = CompressionAlgorithm.Lz4;
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT c, v FROM paged WHERE p = ?");
        RowSet rows = await session.ExecuteAsync(select.Bind(42));
        Assert.Equal(NodeFixture.PagedRowsPerPartition, rows.Count);
        Assert.All(rows, r => Assert.Equal($"row 42/{r.Get<int>(0)}", r.Get<string>(1)));
        await session.ExecuteAsync("INSERT INTO batched (id, v) VALUES (?, ?)", [99, new string('z', 100_000)]);
        Assert.Equal(100_000, (await session.ExecuteAsync("SELECT v FROM batched WHERE id = 99"))[0].Get<string>(0).Length);
    }

    [Fact]
    public async Task An_idle_connection_sends_heartbeats_and_stays_open()
    {
        var options = fixture.NewOptions();
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        var connection = Assert.Single(session.OpenConnections());
        await Task.Delay(1000);
        Assert.True(connection.HeartbeatsSent >= 2, $"{connection.HeartbeatsSent} heartbeats in 1 s");
        Assert.False(connection.IsClosed);
        Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
    }

    [Fact]
    public async Task Unreachable_contact_points_fail_with_NoHostAvailableException_naming_each()
    {
        var options = new CassandraOptions { ContactPoints = { "127.0.0.250", "127.0.0.251:9999" }, ConnectTimeout = TimeSpan.FromSeconds(2) };
        await using var cluster = new AsyncCluster(options);
        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("127.0.0.250:9042", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.251:9999", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AsyncCluster(new CassandraOptions()));
    }
}
