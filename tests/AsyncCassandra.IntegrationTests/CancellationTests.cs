namespace AsyncCassandra.IntegrationTests;

[Collection(NodeCollection.Name)]
public sealed class CancellationTests(NodeFixture fixture)
{
    [Fact]
    public async Task A_thousand_cancelled_in_flight_requests_leave_the_connection_working()
    {
        await using var cluster = new AsyncCluster(fixture.NewOptions());
        await using AsyncSession session = await cluster.ConnectAsync();
        await fixture.EnsurePagedTableAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT p, c, v FROM paged WHERE p = ?");
        Connections.Connection connection = Assert.Single(session.OpenConnections());

        var tasks = new List<Task>();
        using var cts = new CancellationTokenSource();
        for (int i = 0; i < 1000; i++)
        {
            tasks.Add(session.ExecuteAsync(select.Bind(i % 100), cts.Token));
        }

        // All thousand are in flight (or queued to the socket) when they are cancelled.
        Assert.True(connection.InFlight > 0);
        cts.Cancel();
        int cancelled = 0;
        foreach (Task task in tasks)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }

        Assert.True(cancelled >= 900, $"only {cancelled} of 1000 requests observed the cancellation");

        // Late replies release every stream id, and the same connection keeps serving requests correctly.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (connection.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, connection.InFlight);
        Assert.False(connection.IsClosed);
        Assert.Same(connection, Assert.Single(session.OpenConnections()));
        for (int p = 0; p < 20; p++)
        {
            RowSet rows = await session.ExecuteAsync(select.Bind(p));
            Assert.Equal(NodeFixture.PagedRowsPerPartition < 5000 ? NodeFixture.PagedRowsPerPartition : 5000, rows.Count);
            Assert.All(rows, r => Assert.Equal(p, r.Get<int>(0)));
        }
    }
}
