using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// The v5 options users expect, checked through the model (which records what it received): a statement's own
/// keyspace (flag 0x0080, so the session needs no USE), now_in_seconds (flag 0x0100), and the result metadata id
/// of a prepared statement, replaced when a result says METADATA_CHANGED (v5 §4.2.5.2, §4.1.6).
/// </summary>
public sealed class V5StatementOptionsTests
{
    [Fact]
    public async Task A_statement_keyspace_runs_the_query_there_without_a_USE()
    {
        await using var server = new ModelServer();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4: false, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync();

        RowSet rows = await session.ExecuteAsync(new SimpleStatement("SELECT name FROM users WHERE id = ?", 3) { Keyspace = "ks" });
        Assert.Equal("barbara", rows.Single().Get<string>("name"));

        var batch = new BatchStatement(BatchType.Unlogged) { new SimpleStatement("INSERT INTO users (id, name) VALUES (?, ?)", 10, "edsger") };
        batch.Keyspace = "ks";
        await session.ExecuteAsync(batch);
        Assert.Equal("edsger", (await session.ExecuteAsync(new SimpleStatement("SELECT name FROM users WHERE id = 10") { Keyspace = "ks" })).Single().Get<string>("name"));

        ModelRequest query = server.Requests.First(r => r.Query == "SELECT name FROM users WHERE id = ?");
        Assert.Equal("ks", query.Keyspace);
        Assert.Equal(0x80, query.QueryFlags & 0x80);
        ModelRequest written = server.Requests.Single(r => r.Opcode == Opcodes.Batch);
        Assert.Equal("ks", written.Keyspace);
        Assert.DoesNotContain(server.Requests, r => r.Query?.StartsWith("USE", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task Spec_v5_4_1_5_PREPARE_names_the_session_keyspace_with_its_flag_0x01()
    {
        await using var server = new ModelServer();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4: false, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync("ks");

        PreparedStatement byId = await session.PrepareAsync("SELECT name FROM users WHERE id = ?");
        Assert.Equal("grace", (await session.ExecuteAsync(byId.Bind(2))).Single().Get<string>("name"));

        ModelRequest prepare = server.Requests.Single(r => r.Opcode == Opcodes.Prepare);
        Assert.Equal(("ks", 0x01), (prepare.Keyspace, prepare.QueryFlags));
    }

    [Fact]
    public async Task Now_in_seconds_reaches_the_server_on_query_execute_and_batch()
    {
        await using var server = new ModelServer();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4: true, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync("ks");

        await session.ExecuteAsync(new SimpleStatement("SELECT * FROM users") { NowInSeconds = 1_700_000_000 });
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO users (id, name) VALUES (?, ?)");
        BoundStatement bound = insert.Bind(11, "tony");
        bound.NowInSeconds = 1_700_000_001;
        await session.ExecuteAsync(bound);
        var batch = new BatchStatement { insert.Bind(12, "niklaus") };
        batch.NowInSeconds = 1_700_000_002;
        await session.ExecuteAsync(batch);

        Assert.Equal(1_700_000_000, server.Requests.Single(r => r.Query == "SELECT * FROM users").NowInSeconds);
        Assert.Equal(1_700_000_001, server.Requests.Single(r => r.Opcode == Opcodes.Execute).NowInSeconds);
        Assert.Equal(1_700_000_002, server.Requests.Single(r => r.Opcode == Opcodes.Batch).NowInSeconds);
        Assert.All(server.Requests.Where(r => r.NowInSeconds is not null), r => Assert.Equal(0x100, r.QueryFlags & 0x100));
    }

    [Fact]
    public async Task On_a_v4_node_a_statement_keyspace_fails_with_a_clear_error_and_is_not_sent()
    {
        await using var server = new ModelServer(new ModelServerOptions { Versions = [3, 4], ReleaseVersion = "3.11.16" });
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4: false, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync();
        Assert.Equal(4, cluster.ProtocolVersion);

        ProtocolVersionException error = await Assert.ThrowsAsync<ProtocolVersionException>(() => session.ExecuteAsync(new SimpleStatement("SELECT name FROM users") { Keyspace = "ks" }));
        Assert.Contains("v5", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Query == "SELECT name FROM users");
    }

    [Fact]
    public async Task A_result_with_METADATA_CHANGED_replaces_the_prepared_statements_result_metadata_id()
    {
        await using var server = new ModelServer();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4: false, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync();

        PreparedStatement all = await session.PrepareAsync("SELECT * FROM ks.users WHERE id = ?");
        Assert.Equal(2, (await session.ExecuteAsync(all.Bind(1))).Columns.Count);
        byte[] before = server.Requests.Last(r => r.Opcode == Opcodes.Execute).ResultMetadataId!;

        // ALTER TABLE ... ADD on the node, then another client re-prepares: the id stays, the result metadata does
        // not (CASSANDRA-10786). The model keeps the statement prepared, as it would be after that re-prepare.
        server.Data.Find("ks", "users")!.AddColumn(new Column("email", ColumnType.Text));

        RowSet changed = await session.ExecuteAsync(all.Bind(1));
        Assert.Equal(["id", "name", "email"], changed.Columns.Select(c => c.Name));
        Assert.Equal("ada", changed.Single().Get<string>("name"));
        Assert.Null(changed.Single().Get<string?>("email"));

        RowSet again = await session.ExecuteAsync(all.Bind(2));
        Assert.Equal("grace", again.Single().Get<string>("name"));
        Assert.Equal(3, again.Columns.Count);

        List<ModelRequest> executes = [.. server.Requests.Where(r => r.Opcode == Opcodes.Execute)];
        byte[] current = new ResultColumns("ks", "users", server.Data.Find("ks", "users")!.Columns).MetadataId();
        Assert.Equal(before, executes[1].ResultMetadataId);
        // After METADATA_CHANGED the client sends the new id (and the model has nothing more to report).
        Assert.Equal(current, executes[2].ResultMetadataId);
        Assert.NotEqual(before, current);
        Assert.Equal(3, all.ResultColumns.Count);
    }
}
