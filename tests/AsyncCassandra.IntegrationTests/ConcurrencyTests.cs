namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// Many clients at once on the real node: a lightweight transaction has exactly one winner, concurrent counter
/// increments all count, and disposing while requests run (from several threads at once) ends everything promptly
/// with the documented errors.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class ConcurrencyTests(NodeFixture fixture)
{
    [Fact]
    public async Task An_insert_if_not_exists_raced_by_20_clients_has_exactly_one_winner_whose_value_is_stored()
    {
        AsyncSession setup = fixture.Session;
        await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS lwt_race (id uuid PRIMARY KEY, owner int)");
        Guid id = Guid.NewGuid();
        var clusters = new List<AsyncCluster>();
        var sessions = new List<AsyncSession>();
        for (int i = 0; i < 20; i++)
        {
            var cluster = new AsyncCluster(fixture.NewOptions());
            clusters.Add(cluster);
            sessions.Add(await cluster.ConnectAsync());
        }

        try
        {
            using var start = new ManualResetEventSlim();
            Task<(int Client, bool Applied)>[] racers = [.. sessions.Select((session, client) => Task.Run(async () =>
            {
                start.Wait();
                RowSet result = await session.ExecuteAsync(new SimpleStatement("INSERT INTO lwt_race (id, owner) VALUES (?, ?) IF NOT EXISTS", id, client));
                return (client, result.WasApplied);
            }))];
            start.Set();
            (int Client, bool Applied)[] outcomes = await Task.WhenAll(racers);

            (int winner, _) = Assert.Single(outcomes, o => o.Applied);
            Row stored = Assert.Single(await setup.ExecuteAsync(new SimpleStatement("SELECT owner FROM lwt_race WHERE id = ?", id) { ConsistencyLevel = ConsistencyLevel.Serial }));
            Assert.Equal(winner, stored.Get<int>(0));
        }
        finally
        {
            foreach (AsyncCluster cluster in clusters)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Concurrent_counter_increments_reach_the_exact_total()
    {
        AsyncSession session = fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS hits (page text PRIMARY KEY, n counter)");
        string page = "page-" + Guid.NewGuid().ToString("N");
        PreparedStatement add = await session.PrepareAsync("UPDATE hits SET n = n + ? WHERE page = ?");
        const int Tasks = 32;
        const int PerTask = 50;

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(async t =>
        {
            for (int i = 0; i < PerTask; i++)
            {
                await session.ExecuteAsync(add.Bind((long)(t + 1), page));
            }
        }));

        long expected = Enumerable.Range(1, Tasks).Sum(t => (long)t * PerTask);
        Row row = Assert.Single(await session.ExecuteAsync(new SimpleStatement("SELECT n FROM hits WHERE page = ?", page)));
        Assert.Equal(expected, row.Get<long>(0));
    }

    [Fact]
    public async Task Disposing_from_several_threads_while_requests_run_ends_everything_with_the_documented_errors()
    {
        await fixture.EnsurePagedTableAsync();
        var cluster = new AsyncCluster(fixture.NewOptions());
        AsyncSession session = await cluster.ConnectAsync();
        using var stop = new CancellationTokenSource();
        int succeeded = 0;
        var unexpected = new List<Exception>();
        Task[] executors = [.. Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await session.ExecuteAsync(new SimpleStatement("SELECT v FROM paged WHERE p = ? AND c = ?", worker, worker));
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or ConnectionException)
                {
                    return; // the documented outcomes of a request racing its session's disposal
                }
                catch (Exception ex)
                {
                    lock (unexpected)
                    {
                        unexpected.Add(ex);
                    }

                    return;
                }
            }
        }))];
        while (Volatile.Read(ref succeeded) < 100)
        {
            await Task.Delay(5);
        }

        // Four disposers at once: session and cluster, twice each.
        Task disposing = Task.WhenAll(
            Task.Run(async () => await session.DisposeAsync()),
            Task.Run(async () => await session.DisposeAsync()),
            Task.Run(async () => await cluster.DisposeAsync()),
            Task.Run(async () => await cluster.DisposeAsync()));
        Task everything = Task.WhenAll([disposing, .. executors]);
        Assert.Same(everything, await Task.WhenAny(everything, Task.Delay(TimeSpan.FromSeconds(10))));
        await stop.CancelAsync();
        await everything;

        Assert.Empty(unexpected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync("SELECT release_version FROM system.local"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => cluster.ConnectAsync());
    }
}
