namespace AsyncCassandra.IntegrationTests;

/// <summary>Server errors (spec v3 §9) surface as typed exceptions, and never close the session or its connection.</summary>
[Collection(NodeCollection.Name)]
public sealed class ServerErrorTests(NodeFixture fixture)
{
    private AsyncSession Session => fixture.Session;

    private async Task AssertSessionStillWorksAsync(IReadOnlyList<Connections.Connection> before)
    {
        RowSet rows = await Session.ExecuteAsync("SELECT release_version FROM system.local");
        Assert.Single(rows);
        Assert.All(before, c => Assert.False(c.IsClosed));
    }

    [Fact]
    public async Task Syntax_error_is_a_SyntaxErrorException_with_the_server_message()
    {
        var connections = Session.OpenConnections();
        var error = await Assert.ThrowsAsync<SyntaxErrorException>(() => Session.ExecuteAsync("SELEC * FROM nothing"));
        Assert.Equal(0x2000, error.ErrorCode);
        Assert.Contains("SELEC", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Host);
        await AssertSessionStillWorksAsync(connections);
    }

    [Fact]
    public async Task Unknown_table_is_an_InvalidQueryException_also_when_preparing()
    {
        var connections = Session.OpenConnections();
        var error = await Assert.ThrowsAsync<InvalidQueryException>(() => Session.ExecuteAsync("SELECT * FROM no_such_table"));
        Assert.Equal(0x2200, error.ErrorCode);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidQueryException>(() => Session.PrepareAsync("SELECT * FROM no_such_table"));
        // A failed prepare is not cached: preparing again asks the server again.
        int sent = Session.PrepareRequestsSent;
        await Assert.ThrowsAsync<InvalidQueryException>(() => Session.PrepareAsync("SELECT * FROM no_such_table"));
        Assert.Equal(sent + 1, Session.PrepareRequestsSent);
        await AssertSessionStillWorksAsync(connections);
    }

    [Fact]
    public async Task Creating_an_existing_table_is_an_AlreadyExistsException_naming_it()
    {
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS exists_twice (id int PRIMARY KEY)");
        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Session.ExecuteAsync("CREATE TABLE exists_twice (id int PRIMARY KEY)"));
        Assert.Equal(0x2400, error.ErrorCode);
        Assert.Equal(NodeFixture.Keyspace, error.Keyspace);
        Assert.Equal("exists_twice", error.Table);
    }

    [Fact]
    public async Task Unknown_replication_strategy_is_a_configuration_error()
    {
        var error = await Assert.ThrowsAsync<InvalidConfigurationInQueryException>(() =>
            Session.ExecuteAsync("CREATE KEYSPACE bad_strategy WITH replication = {'class': 'NoSuchStrategy'}"));
        Assert.Equal(0x2300, error.ErrorCode);
    }

    [Fact]
    public async Task Quorum_on_a_replication_factor_three_keyspace_of_one_node_is_an_UnavailableException()
    {
        await Session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS rf3.t (id int PRIMARY KEY, v int)");
        var statement = new SimpleStatement("INSERT INTO rf3.t (id, v) VALUES (1, 1)") { ConsistencyLevel = ConsistencyLevel.Quorum };
        var error = await Assert.ThrowsAsync<UnavailableException>(() => Session.ExecuteAsync(statement));
        Assert.Equal(0x1000, error.ErrorCode);
        Assert.Equal(ConsistencyLevel.Quorum, error.Consistency);
        Assert.Equal(2, error.Required);
        Assert.Equal(1, error.Alive);
    }

    [Fact]
    public async Task A_request_that_exceeds_its_timeout_is_a_TimeoutException_and_the_session_survives()
    {
        await fixture.EnsurePagedTableAsync();
        var connections = Session.OpenConnections();
        // All 100,000 rows in one page take the node about 200 ms to read: far past the 1 ms deadline and the connection's
        // 20 ms deadline sweep (a 20,000-row page could come back from a warm node before the sweep ran).
        var statement = new SimpleStatement("SELECT * FROM paged") { Timeout = TimeSpan.FromMilliseconds(1), PageSize = 100_000 };
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Session.ExecuteAsync(statement));
        Assert.Contains("0.001 s", error.Message, StringComparison.Ordinal);
        await AssertSessionStillWorksAsync(connections);
    }

    [Fact]
    public async Task A_cancelled_request_is_an_OperationCanceledException_with_the_callers_token()
    {
        await fixture.EnsurePagedTableAsync();
        using var cts = new CancellationTokenSource();
        Task<RowSet> pending = Session.ExecuteAsync(new SimpleStatement("SELECT * FROM paged") { PageSize = 5000 }, cts.Token);
        cts.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(cts.Token, error.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Session.ExecuteAsync("SELECT * FROM system.local", new CancellationToken(true)));
    }
}
