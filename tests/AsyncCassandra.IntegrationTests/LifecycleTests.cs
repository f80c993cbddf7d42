using System.Diagnostics;

namespace AsyncCassandra.IntegrationTests;

[Collection(NodeCollection.Name)]
public sealed class LifecycleTests(NodeFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePagedTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_error_mid_stream_surfaces_on_the_next_page_and_ends_only_that_stream()
    {
        await using var cluster = new AsyncCluster(fixture.NewOptions());
        await using AsyncSession session = await cluster.ConnectAsync();
        var connection = Assert.Single(session.OpenConnections());
        int pages = 0;
        var statement = new SimpleStatement("SELECT p, c, v FROM paged");
        var options = new StreamOptions
        {
            PageSize = 1000,
            // Once the first page is in, the statement gets an impossible timeout: fetching the second page fails.
            OnPage = (page, rows, total) => { if (page == 1) { statement.Timeout = TimeSpan.Zero; } },
        };
        await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (IReadOnlyList<Row> page in session.StreamPagesAsync(statement, options))
            {
                pages++;
            }
        });
        Assert.Equal(1, pages);
        Assert.False(connection.IsClosed);
        Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
    }

    [Fact]
    public async Task Breaking_out_of_a_stream_early_cancels_the_prefetch_and_releases_the_pages()
    {
        await using var cluster = new AsyncCluster(fixture.NewOptions());
        await using AsyncSession session = await cluster.ConnectAsync();
        var connection = Assert.Single(session.OpenConnections());
        int fetched = 0;
        WeakReference first = await ReadFirstPageThenBreakAsync(session, () => Interlocked.Increment(ref fetched));

        // The prefetched page (at most one) was fetched or cancelled; nothing further is requested.
        await Task.Delay(200);
        int fetchedAfterBreak = Volatile.Read(ref fetched);
        await Task.Delay(500);
        Assert.Equal(fetchedAfterBreak, Volatile.Read(ref fetched));
        Assert.InRange(fetchedAfterBreak, 1, 2);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (connection.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, connection.InFlight);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.IsAlive, "the page of an abandoned stream is still referenced");
    }

    private static async Task<WeakReference> ReadFirstPageThenBreakAsync(AsyncSession session, Action onPage)
    {
        await foreach (IReadOnlyList<Row> page in session.StreamPagesAsync(new SimpleStatement("SELECT p, c, v FROM paged"), new StreamOptions { PageSize = 2000, OnPage = (_, _, _) => onPage() }))
        {
            return new WeakReference(page);
        }

        throw new InvalidOperationException("The stream had no page.");
    }

    [Fact]
    public async Task Disposing_is_idempotent_and_prompt_and_calls_afterwards_throw_ObjectDisposedException()
    {
        var cluster = new AsyncCluster(fixture.NewOptions());
        AsyncSession session = await cluster.ConnectAsync();
        AsyncSession other = await cluster.ConnectAsync();
        PreparedStatement prepared = await session.PrepareAsync("SELECT v FROM paged WHERE p = 1 AND c = 1");
        var watch = Stopwatch.StartNew();
        await session.DisposeAsync();
        await session.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"disposing took {watch.ElapsedMilliseconds} ms");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync("SELECT * FROM system.local"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync(prepared.Bind()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.PrepareAsync("SELECT * FROM system.local"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (Row row in session.StreamAsync(new SimpleStatement("SELECT * FROM system.local")))
            {
            }
        });

        // Disposing a session leaves its cluster, and its other sessions, usable.
        Assert.Single(await other.ExecuteAsync("SELECT release_version FROM system.local"));
        await using (AsyncSession third = await cluster.ConnectAsync())
        {
            Assert.Single(await third.ExecuteAsync("SELECT release_version FROM system.local"));
        }

        watch.Restart();
        await cluster.DisposeAsync();
        await cluster.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"disposing the cluster took {watch.ElapsedMilliseconds} ms");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.ExecuteAsync("SELECT * FROM system.local"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => cluster.ConnectAsync());
    }

    [Fact]
    public async Task Disposing_a_session_fails_its_in_flight_requests_promptly()
    {
        // The session talks to the node through a fault proxy whose connection is stalled once the session is open:
        // the 50 requests below are written to the socket and certainly in flight (held by the proxy, unanswered),
        // without putting load on the node.
        await using var proxy = new Faults.FaultProxy(fixture.Node.ContactPoints[0], fixture.Node.Port);
        var options = new CassandraOptions
        {
            ContactPoints = { proxy.ContactPoint },
            ConnectToContactPointsOnly = true,
            Keyspace = NodeFixture.Keyspace,
        };
        var cluster = new AsyncCluster(options);
        AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("SELECT release_version FROM system.local");
        var connection = Assert.Single(session.OpenConnections());
        Faults.ProxiedConnection proxied = proxy.Connections[^1];
        proxied.Stall();
        Task<RowSet>[] pending = [.. Enumerable.Range(0, 50).Select(_ => session.ExecuteAsync(new SimpleStatement("SELECT v FROM paged WHERE p = 1 AND c = 1") { Timeout = TimeSpan.FromMinutes(2) }))];
        var until = DateTime.UtcNow.AddSeconds(5);
        while ((connection.InFlight < 50 || proxied.HeldFrames == 0) && DateTime.UtcNow < until)
        {
            await Task.Delay(5);
        }

        Assert.True(proxied.HeldFrames > 0, "the proxy holds none of the requests");
        Assert.Equal(50, connection.InFlight);
        Assert.DoesNotContain(pending, t => t.IsCompleted);
        var watch = Stopwatch.StartNew();
        await session.DisposeAsync();
        int failed = 0;
        foreach (Task<RowSet> task in pending)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => task);
            Assert.True(error is ObjectDisposedException or ConnectionException, error.ToString());
            failed++;
        }

        Assert.Equal(50, failed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"in-flight requests took {watch.ElapsedMilliseconds} ms to end");
        await cluster.DisposeAsync();
    }
}
