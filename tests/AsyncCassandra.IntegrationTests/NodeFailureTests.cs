using System.Diagnostics;
using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>A node of its own (127.0.0.2), stopped and restarted under load.</summary>
[Collection(NodeCollection.Name)]
public sealed class NodeFailureTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Stopping_the_node_fails_in_flight_requests_promptly_and_the_session_reconnects_when_it_is_back()
    {
        await using CassandraTestCluster node = await OwnNode.StartAsync(2, output, "a node it can stop");
        CassandraOptions options = OwnNode.ClientOptions(node, o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(5);
            o.ReconnectBaseDelay = TimeSpan.FromMilliseconds(200);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
        });
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS failover WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS failover.t (id int PRIMARY KEY, v text)");
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO failover.t (id, v) VALUES (?, ?)");
        PreparedStatement select = await session.PrepareAsync("SELECT v FROM failover.t WHERE id = ?");
        await session.ExecuteAsync(insert.Bind(1, "before"));

        // Keep a steady stream of requests in flight while the node dies.
        using var stopLoad = new CancellationTokenSource();
        var failures = new List<(Exception Error, TimeSpan After)>();
        long killedAtTicks = 0;
        int succeeded = 0;
        async Task LoadAsync(int worker)
        {
            int i = 0;
            while (!stopLoad.IsCancellationRequested)
            {
                try
                {
                    await session.ExecuteAsync(insert.Bind(1000 + (worker * 100_000) + i++, "load"));
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception ex) when (ex is CassandraException or TimeoutException)
                {
                    long killed = Volatile.Read(ref killedAtTicks);
                    lock (failures)
                    {
                        failures.Add((ex, killed == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(killed)));
                    }

                    if (killed != 0)
                    {
                        return;
                    }
                }
            }
        }

        Task[] workers = [.. Enumerable.Range(0, 32).Select(LoadAsync)];
        await Task.Delay(500);
        Assert.True(Volatile.Read(ref succeeded) > 0);
        Volatile.Write(ref killedAtTicks, Stopwatch.GetTimestamp());
        await node.StopNodeAsync(0);
        var allEnded = Task.WhenAll(workers);
        Assert.Same(allEnded, await Task.WhenAny(allEnded, Task.Delay(options.RequestTimeout + TimeSpan.FromSeconds(2))));
        stopLoad.Cancel();

        Assert.Equal(32, failures.Count);
        foreach ((Exception error, TimeSpan after) in failures)
        {
            Assert.True(after <= options.RequestTimeout, $"a request failed {after.TotalSeconds:0.0} s after the node died");
            Assert.True(error is ConnectionException or NoHostAvailableException, error.ToString());
            Assert.Contains(node.ContactPoints[0], error.Message, StringComparison.Ordinal);
        }

        output.WriteLine($"first failure: {failures[0].Error.GetType().Name}: {failures[0].Error.Message}");

        // While the node is down, requests fail fast instead of waiting for the timeout.
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<NoHostAvailableException>(() => session.ExecuteAsync(select.Bind(1)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"a request to a dead node took {watch.ElapsedMilliseconds} ms to fail");

        await node.StartNodeAsync(0);
        int preparesBefore = session.PrepareRequestsSent;
        int repreparedBefore = session.Reprepared;
        watch.Restart();
        RowSet? rows = null;
        while (rows is null && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                // The restarted node forgot its prepared statements: the session re-prepares transparently.
                rows = await session.ExecuteAsync(select.Bind(1));
            }
            catch (NoHostAvailableException)
            {
                await Task.Delay(200);
            }
        }

        // (Whether the row written before the kill survived is the server's durability, not the client's concern.)
        Assert.NotNull(rows);
        Assert.True(session.PrepareRequestsSent > preparesBefore, "the statement was not prepared again on the restarted node");
        // Prepared again because the restarted node answered UNPREPARED for it, not for any other reason.
        Assert.Equal(repreparedBefore + 1, session.Reprepared);
        output.WriteLine($"reconnected {watch.Elapsed.TotalSeconds:0.0} s after the node was back");
        await session.ExecuteAsync(insert.Bind(2, "after"));
        Assert.Equal("after", (await session.ExecuteAsync(select.Bind(2)))[0].Get<string>(0));
    }
}
