using System.Diagnostics;
using System.Diagnostics.Metrics;
using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// A 2-node cluster of its own (127.0.0.15-16) whose second node is frozen (SIGSTOP: its sockets stay open, it
/// answers nothing, like a long GC pause). Idempotent reads speculate to the other node and finish; writes that are
/// not idempotent never run twice; without a policy, requests that reach the frozen node wait for their timeout.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class SpeculativeExecutionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [SkippableFact]
    public async Task Idempotent_requests_speculate_past_a_frozen_node_and_writes_do_not()
    {
        await using CassandraTestCluster nodes = await OwnNode.StartAsync(15, output, "a 2-node cluster with a node to freeze", o => o.NodeCount = 2);
        string healthy = nodes.ContactPoints[0];
        var logs = new RecordingLoggerFactory();
        await using var speculativeCluster = new AsyncCluster(OwnNode.ClientOptions(nodes, o =>
        {
            o.LoggerFactory = logs;
            o.RequestTimeout = Timeout;
            o.TokenAwareRouting = false; // round-robin: every other request starts on the frozen node
            o.SpeculativeExecutionPolicy = new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(100));
        }));
        await using var plainCluster = new AsyncCluster(OwnNode.ClientOptions(nodes, o =>
        {
            o.RequestTimeout = Timeout;
            o.TokenAwareRouting = false;
        }));
        await using AsyncSession speculative = await speculativeCluster.ConnectAsync();
        await using AsyncSession plain = await plainCluster.ConnectAsync();
        await speculative.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS spec WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
        await speculative.ExecuteAsync("CREATE TABLE IF NOT EXISTS spec.kv (k int PRIMARY KEY, v int)");
        PreparedStatement insert = await speculative.PrepareAsync("INSERT INTO spec.kv (k, v) VALUES (?, ?)");
        PreparedStatement select = await speculative.PrepareAsync("SELECT v FROM spec.kv WHERE k = ?");
        PreparedStatement plainSelect = await plain.PrepareAsync("SELECT v FROM spec.kv WHERE k = ?");
        for (int k = 0; k < 20; k++)
        {
            BoundStatement write = insert.Bind(k, k);
            write.ConsistencyLevel = ConsistencyLevel.All; // both nodes hold every row
            await speculative.ExecuteAsync(write);
        }

        // Both sessions hold open connections to both nodes (and know the statements there) before the freeze.
        for (int k = 0; k < 6; k++)
        {
            await speculative.ExecuteAsync(select.Bind(k));
            await speculative.ExecuteAsync(insert.Bind(100 + k, k));
            await plain.ExecuteAsync(plainSelect.Bind(k));
        }

        long speculated = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CassandraDiagnostics.MeterName && instrument.Name == "cassandra.client.speculative_executions")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref speculated, value));
        meters.Start();

        nodes.PauseNode(1);
        try
        {
            // All at once, so the whole check takes one timeout and ends before gossip declares the node down.
            Task<(RowSet Rows, TimeSpan Took)>[] reads = [.. Enumerable.Range(0, 20).Select(k => TimedAsync(speculative, select.Bind(k)))];
            Task<(RowSet Rows, TimeSpan Took)>[] writes = [.. Enumerable.Range(0, 4).Select(k => TimedAsync(speculative, insert.Bind(200 + k, k)))];
            Task<(RowSet Rows, TimeSpan Took)>[] plainReads = [.. Enumerable.Range(0, 6).Select(k => TimedAsync(plain, plainSelect.Bind(k)))];
            await Task.WhenAll([.. reads, .. writes, .. plainReads]).ContinueWith(_ => { }, TaskScheduler.Default);

            for (int k = 0; k < reads.Length; k++)
            {
                (RowSet rows, TimeSpan took) = await reads[k];
                Assert.Equal(k, rows[0].Get<int>(0));
                Assert.Equal(healthy + ":" + nodes.Port, rows.Host);
                Assert.True(took < Timeout / 2, $"read {k} took {took.TotalMilliseconds:0} ms");
            }

            TimeSpan slowest = (await Task.WhenAll(reads)).Max(r => r.Took);
            output.WriteLine($"slowest speculative read: {slowest.TotalMilliseconds:0} ms; speculative executions: {Interlocked.Read(ref speculated)}");
            Assert.True(slowest >= TimeSpan.FromMilliseconds(90), "no read started on the frozen node, so nothing was shown");
            Assert.InRange(Interlocked.Read(ref speculated), 1, reads.Length);

            // Each is logged at Debug with its stable id (2502), naming the operation, not the statement's values.
            Assert.Contains(logs.Records, r => r.EventId.Id == 2502 && r.EventId.Name == "SpeculativeExecution" && r.Level == Microsoft.Extensions.Logging.LogLevel.Debug && r.Message.StartsWith("SELECT:", StringComparison.Ordinal));

            // A write that is not idempotent must not run twice: the ones that started on the frozen node time out.
            int writesTimedOut = writes.Count(w => w.IsFaulted && w.Exception!.InnerException is TimeoutException);
            Assert.True(writesTimedOut >= 1, "no write waited on the frozen node");
            Assert.All(writes.Where(w => !w.IsCompletedSuccessfully), w => Assert.IsType<TimeoutException>(w.Exception!.InnerException));

            // Without a policy, reads that start on the frozen node wait for their timeout.
            Assert.Contains(plainReads, r => r.IsFaulted && r.Exception!.InnerException is TimeoutException);
        }
        finally
        {
            nodes.ResumeNode(1);
        }

        // The frozen node's late replies to the cancelled executions leave both sessions working.
        Assert.Equal(3, (await speculative.ExecuteAsync(select.Bind(3)))[0].Get<int>(0));
        Assert.Equal(3, (await plain.ExecuteAsync(plainSelect.Bind(3)))[0].Get<int>(0));
    }

    private static async Task<(RowSet Rows, TimeSpan Took)> TimedAsync(AsyncSession session, Statement statement)
    {
        long started = Stopwatch.GetTimestamp();
        RowSet rows = await session.ExecuteAsync(statement);
        return (rows, Stopwatch.GetElapsedTime(started));
    }
}
