using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncCassandra.Testing;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// A node of its own (127.0.0.80), frozen, thawed, stopped and restarted: the connection monitor sees it go down and
/// come back (its probe and the pools' reconnection), raises HostStateChanged, and the log records say so with their
/// stable event ids (docs/observability.md), while the credentials and bound values appear in none of them.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class NodeEventLoggingTests(ITestOutputHelper output)
{
    private const string Password = "pw-never-logged-7f3a";
    private const string BoundValue = "bound-value-never-logged-91c2";

    [SkippableFact]
    public async Task A_node_going_down_and_coming_back_is_logged_with_stable_event_ids_and_seen_by_the_monitor()
    {
        await using CassandraTestCluster node = await OwnNode.StartAsync(80, output, "a node to freeze, stop and restart");
        var logs = new RecordingLoggerFactory();
        await using var cluster = new AsyncCluster(OwnNode.ClientOptions(node, o =>
        {
            o.LoggerFactory = logs;
            o.Credentials = new CassandraCredentials("monitor", Password);
            o.HostProbeInterval = TimeSpan.FromMilliseconds(250);
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
            o.ReconnectBaseDelay = TimeSpan.FromMilliseconds(250);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(2);
        }));
        var changes = new ConcurrentQueue<(HostStateChangedEventArgs Change, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        cluster.Monitor.HostStateChanged += (_, e) => changes.Enqueue((e, clock.Elapsed));
        cluster.Monitor.HostStateChanged += (_, _) => throw new InvalidOperationException("a broken handler is logged, not fatal");
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS monitored WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS monitored.kv (k int PRIMARY KEY, v text)");
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO monitored.kv (k, v) VALUES (?, ?)");
        await session.ExecuteAsync(insert.Bind(1, BoundValue));
        string endpoint = Assert.Single(cluster.Monitor.GetHostStates()).Endpoint;

        // Frozen (SIGSTOP: sockets open, no answers): requests time out and the probe marks the node down.
        TimeSpan frozenAt = clock.Elapsed;
        node.PauseNode(0);
        await Assert.ThrowsAsync<TimeoutException>(() => session.ExecuteAsync(new SimpleStatement("SELECT v FROM monitored.kv WHERE k = 1") { Timeout = TimeSpan.FromMilliseconds(500) }));
        TimeSpan down1 = await WaitForAsync(changes, HostState.Down, frozenAt) - frozenAt;
        HostStatus frozen = Assert.Single(cluster.Monitor.GetHostStates());
        Assert.Equal(HostState.Down, frozen.State);
        Assert.Contains("probe failed", frozen.LastError, StringComparison.Ordinal);
        TimeSpan thawedAt = clock.Elapsed; // before: a probe waiting on the frozen node may get its answer at once
        node.ResumeNode(0);
        TimeSpan up1 = await WaitForAsync(changes, HostState.Up, thawedAt) - thawedAt;

        // Stopped (the process ends, connections refused) and started again: the pools reconnect with backoff.
        TimeSpan stoppingAt = clock.Elapsed;
        await node.StopNodeAsync(0);
        TimeSpan down2 = await WaitForAsync(changes, HostState.Down, stoppingAt) - stoppingAt;
        await Task.Delay(1500); // a few reconnection attempts while it is away
        TimeSpan startingAt = clock.Elapsed;
        await node.StartNodeAsync(0);
        TimeSpan started = clock.Elapsed - startingAt;
        TimeSpan up2 = await WaitForAsync(changes, HostState.Up, startingAt) - startingAt;
        await session.ExecuteAsync(insert.Bind(2, BoundValue));
        output.WriteLine($"frozen: down after {down1.TotalSeconds:0.00} s, up {up1.TotalSeconds:0.00} s after thawing; stopped: down after {down2.TotalSeconds:0.00} s; restart took {started.TotalSeconds:0.0} s, up {up2.TotalSeconds:0.00} s after the start began");

        IReadOnlyList<LogRecord> records = logs.Records;
        foreach (LogRecord record in records.Where(r => r.EventId.Id is 2101 or 2102 or 2008 or 2009))
        {
            output.WriteLine($"{record.EventId.Id} {record.EventId.Name}: {record}");
        }

        LogRecord hostDown = records.First(r => r.EventId.Id == 2102); // the freeze, seen by the probe
        Assert.Contains("probe failed", hostDown.Message, StringComparison.Ordinal);
        Assert.Equal(("HostDown", LogLevel.Warning), (hostDown.EventId.Name, hostDown.Level));
        Assert.Contains(endpoint, hostDown.Message, StringComparison.Ordinal);
        Assert.True(records.Count(r => r.EventId.Id == 2102) >= 2);
        Assert.True(records.Count(r => r.EventId.Id == 2101 && r.EventId.Name == "HostUp" && r.Message.Contains("(was Down)", StringComparison.Ordinal)) >= 2);
        Assert.Contains(records, r => r.EventId.Id == 2002 && r.EventId.Name == "ConnectionClosed");
        Assert.Contains(records, r => r.EventId.Id == 2005 && r.EventId.Name == "ConnectionFailed" && r.Message.Contains("retrying in", StringComparison.Ordinal));
        Assert.Matches(@"attempt \d+ after waiting \d+(\.\d)? s", Assert.IsType<LogRecord>(records.LastOrDefault(r => r.EventId.Id == 2008 && r.EventId.Name == "Reconnecting")).Message);
        Assert.Contains(records, r => r.EventId.Id == 2009 && r.EventId.Name == "Reconnected");
        Assert.Contains(records, r => r.EventId.Id == 2001 && r.EventId.Name == "ConnectionOpened" && r.Level == LogLevel.Debug);
        Assert.Contains(records, r => r.EventId.Id == 2301 && r.EventId.Name == "ProtocolNegotiated");
        Assert.Contains(records, r => r.EventId.Id == 2107 && r.Exception is InvalidOperationException);

        // Every record of the client has its stable id, and none carries a secret.
        Assert.All(records.Where(r => r.Category.StartsWith("AsyncCassandra", StringComparison.Ordinal)), r => Assert.NotEqual(0, r.EventId.Id));
        Assert.DoesNotContain(records, r => r.ToString().Contains(Password, StringComparison.Ordinal) || r.ToString().Contains(BoundValue, StringComparison.Ordinal));

        // HostStateChanged: down (probe) → up → down (stop) → up, each with the node and the state it left.
        List<HostStateChangedEventArgs> seen = [.. changes.Select(c => c.Change).Where(c => c.Host.State is HostState.Down or HostState.Up && c.PreviousState != HostState.Unknown)];
        Assert.Equal([HostState.Down, HostState.Up, HostState.Down, HostState.Up], seen.Select(c => c.Host.State).Take(4));
        Assert.All(seen, c => Assert.Equal(endpoint, c.Host.Endpoint));
        Assert.Contains("probe failed", seen[0].Reason, StringComparison.Ordinal);
    }

    /// <summary>How long after the test started the node reached <paramref name="state"/> after <paramref name="since"/>.</summary>
    private static async Task<TimeSpan> WaitForAsync(ConcurrentQueue<(HostStateChangedEventArgs Change, TimeSpan At)> changes, HostState state, TimeSpan since)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            foreach ((HostStateChangedEventArgs change, TimeSpan at) in changes)
            {
                if (at >= since && change.Host.State == state)
                {
                    return at;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The monitor did not report the node {state} within 90 s.");
    }
}
