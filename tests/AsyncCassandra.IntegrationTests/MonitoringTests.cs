using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// The runtime's monitoring against the shared node: every instrument of the meter after real requests, tagged by
/// node and operation; the connection monitor's view of the node, its probe and summary; the in-memory statistics.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class MonitoringTests(NodeFixture fixture, ITestOutputHelper output)
{
    /// <summary>Instruments whose measurements need more than one node, and the test that covers them.</summary>
    private static readonly Dictionary<string, string> CoveredElsewhere = new()
    {
        ["cassandra.client.speculative_executions"] = nameof(SpeculativeExecutionTests),
        ["cassandra.client.connections.replaced"] = "AsyncCassandra.Tests.Cluster.OrphanedStreamTests",
        ["cassandra.client.prepared_statements.metadata_refreshes"] = nameof(StaleMetadataTests),
    };

    [Fact]
    public async Task Every_instrument_reports_after_real_requests_tagged_by_node_and_operation()
    {
        await fixture.EnsurePagedTableAsync();
        var published = new ConcurrentDictionary<string, Instrument>();
        var seen = new ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CassandraDiagnostics.MeterName)
                {
                    published[instrument.Name] = instrument;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => seen.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        CassandraOptions options = fixture.NewOptions();
        options.HostProbeInterval = TimeSpan.FromMilliseconds(100);
        options.MaxPreparedStatements = 1;
        var logs = new RecordingLoggerFactory();
        options.LoggerFactory = logs;
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        string address = fixture.Node.ContactPoints[0];
        int port = fixture.Node.Port;

        // Successes, a syntax error, an Unavailable that the default policy retries on the next node (retries), a
        // request past its deadline (timeouts), and a prepared statement evicted from a cache of one.
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS monitor_kv (k int PRIMARY KEY, v text)");
        await session.ExecuteAsync("INSERT INTO monitor_kv (k, v) VALUES (?, ?)", [1, "one"]);
        await session.ExecuteAsync("SELECT v FROM monitor_kv WHERE k = ?", [1]);
        await Assert.ThrowsAsync<SyntaxErrorException>(() => session.ExecuteAsync("SELEC nothing"));
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS monitor_rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS monitor_rf3.kv (k int PRIMARY KEY, v int)");
        await Assert.ThrowsAsync<UnavailableException>(() => session.ExecuteAsync(new SimpleStatement("INSERT INTO monitor_rf3.kv (k, v) VALUES (1, 1)") { ConsistencyLevel = ConsistencyLevel.Quorum }));
        LogRecord retry = Assert.Single(logs.Records, r => r.EventId.Id == 2501);
        Assert.Equal(("Retry", Microsoft.Extensions.Logging.LogLevel.Debug), (retry.EventId.Name, retry.Level));
        Assert.Contains("INSERT failed on", retry.Message, StringComparison.Ordinal);
        Assert.Contains("RetryNextHost", retry.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TimeoutException>(() => session.ExecuteAsync(new SimpleStatement("SELECT count(*) FROM paged") { Timeout = TimeSpan.FromMilliseconds(1) }));
        await session.PrepareAsync("SELECT v FROM monitor_kv WHERE k = ?");
        await session.PrepareAsync("SELECT k FROM monitor_kv WHERE k = ?");
        var watch = Stopwatch.StartNew();
        while (!seen.Any(m => m.Name == "cassandra.client.probe.duration") && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        listener.RecordObservableInstruments();
        List<(string Name, double Value, Dictionary<string, object?> Tags)> all = [.. seen];
        foreach (string instrument in published.Keys.Order())
        {
            int count = all.Count(m => m.Name == instrument);
            output.WriteLine($"{instrument}: {count} measurement(s)");
            if (!CoveredElsewhere.ContainsKey(instrument))
            {
                Assert.True(count > 0, $"{instrument} recorded nothing");
            }
        }

        bool OnTheNode(Dictionary<string, object?> tags) => Equals(tags.GetValueOrDefault("server.address"), address) && Equals(tags.GetValueOrDefault("server.port"), port);

        // OpenTelemetry's database-client duration: system, operation, namespace, node; error.type on failures.
        var operations = all.Where(m => m.Name == "db.client.operation.duration").ToList();
        Assert.Contains(operations, m => Equals(m.Tags["db.system.name"], "cassandra") && Equals(m.Tags["db.operation.name"], "SELECT") && Equals(m.Tags["db.namespace"], NodeFixture.Keyspace) && OnTheNode(m.Tags) && !m.Tags.ContainsKey("error.type"));
        Assert.Contains(operations, m => Equals(m.Tags["db.operation.name"], "INSERT") && Equals(m.Tags.GetValueOrDefault("error.type"), typeof(UnavailableException).FullName) && OnTheNode(m.Tags));
        Assert.Contains(operations, m => Equals(m.Tags["db.operation.name"], "OTHER") && Equals(m.Tags.GetValueOrDefault("error.type"), typeof(SyntaxErrorException).FullName));
        Assert.Contains(operations, m => Equals(m.Tags.GetValueOrDefault("error.type"), "timeout"));

        // The library's own counters and histograms carry the same node and operation tags.
        Assert.Contains(all, m => m.Name == "cassandra.client.requests" && Equals(m.Tags["outcome"], "success") && Equals(m.Tags["db.operation.name"], "INSERT") && OnTheNode(m.Tags));
        Assert.Contains(all, m => m.Name == "cassandra.client.request.duration" && Equals(m.Tags["outcome"], nameof(SyntaxErrorException)) && OnTheNode(m.Tags));
        Assert.Contains(all, m => m.Name == "cassandra.client.retries" && OnTheNode(m.Tags));
        Assert.Contains(all, m => m.Name == "cassandra.client.timeouts" && Equals(m.Tags["db.operation.name"], "SELECT"));
        Assert.Contains(all, m => m.Name == "cassandra.client.prepared_statements.evicted" && m.Value >= 1);

        // Per node: the open connections (the session's and the control connection), the gauges, the probe's round trip.
        Assert.Contains(all, m => m.Name == "cassandra.client.connections" && m.Value >= 2 && OnTheNode(m.Tags));
        Assert.Contains(all, m => m.Name == "cassandra.client.host.up" && m.Value == 1 && OnTheNode(m.Tags));
        Assert.Contains(all, m => m.Name == "cassandra.client.host.requests.in_flight" && OnTheNode(m.Tags));
        var probe = all.First(m => m.Name == "cassandra.client.probe.duration" && OnTheNode(m.Tags));
        output.WriteLine($"probe round trip: {probe.Value * 1000:0.###} ms");
        Assert.InRange(probe.Value, 0, 5);
        Assert.Contains(all, m => m.Name == "cassandra.client.requests.active" && m.Value == 1);
    }

    [Fact]
    public async Task The_monitor_describes_the_node_probes_it_and_sums_up_the_cluster()
    {
        await fixture.EnsurePagedTableAsync();
        CassandraOptions options = fixture.NewOptions();
        options.HostProbeInterval = TimeSpan.FromMilliseconds(100);
        var logs = new RecordingLoggerFactory();
        options.LoggerFactory = logs;
        await using var cluster = new AsyncCluster(options);
        Assert.Empty(cluster.Monitor.GetHostStates()); // before connecting nothing is known, and nothing throws
        Assert.Empty(await cluster.Monitor.ProbeAsync());
        await using AsyncSession session = await cluster.ConnectAsync();
        int logged = logs.Records.Count;
        for (int i = 0; i < 50; i++)
        {
            await session.ExecuteAsync("SELECT release_version FROM system.local");
        }

        // Nothing per request unless asked: only the Trace record 2504 per request (written when Trace is enabled). The
        // pool may still be opening its other connections in the background meanwhile (ConnectionOpened, Debug): that
        // is the connection's record, not the requests'.
        List<LogRecord> during = [.. logs.Records.Skip(logged)];
        Assert.Equal(50, during.Count(r => r.EventId.Id == 2504 && r.Level == Microsoft.Extensions.Logging.LogLevel.Trace));
        Assert.DoesNotContain(during, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Debug && r.EventId.Name != "ConnectionOpened");

        await Assert.ThrowsAsync<SyntaxErrorException>(() => session.ExecuteAsync("SELEC nothing"));

        // Requests in flight are counted per node while they run.
        Task<RowSet>[] slow = [.. Enumerable.Range(0, 8).Select(_ => session.ExecuteAsync("SELECT count(*) FROM paged"))];
        int maxInFlight = 0;
        while (!slow.All(t => t.IsCompleted))
        {
            maxInFlight = Math.Max(maxInFlight, cluster.Monitor.GetHostStates()[0].InFlightRequests);
            await Task.Delay(1);
        }

        await Task.WhenAll(slow);
        Assert.InRange(maxInFlight, 1, 16); // the eight, and the probe's OPTIONS when it runs meanwhile

        var watch = Stopwatch.StartNew();
        while (cluster.Monitor.GetHostStates()[0].LastProbeLatency is null && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        HostStatus node = Assert.Single(cluster.Monitor.GetHostStates());
        output.WriteLine($"{node.Endpoint}: {node.State}, dc {node.Datacenter}, rack {node.Rack}, Cassandra {node.ReleaseVersion}, {node.OpenConnections} connection(s), probe {node.LastProbeLatency?.TotalMilliseconds:0.###} ms, max in flight {maxInFlight}");
        Assert.Equal(HostState.Up, node.State);
        Assert.Equal($"{fixture.Node.ContactPoints[0]}:{fixture.Node.Port}", node.Endpoint);
        Assert.False(string.IsNullOrEmpty(node.Datacenter));
        Assert.False(string.IsNullOrEmpty(node.Rack));
        Assert.Matches(@"^\d+\.\d+", node.ReleaseVersion);
        Assert.True(node.IsControlHost);
        Assert.True(node.OpenConnections >= 1);
        Assert.NotNull(node.LastProbeLatency);
        Assert.InRange(node.LastProbeLatency.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Null(node.LastError);

        // On demand too.
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        HostStatus probed = Assert.Single(await cluster.Monitor.ProbeAsync());
        Assert.True(probed.LastProbeAt >= before);

        ClusterSummary summary = cluster.Monitor.GetSummary();
        Assert.Equal(cluster.Name, summary.ClusterName);
        Assert.Equal(cluster.ProtocolVersion, summary.ProtocolVersion);
        Assert.Equal((1, 1, 0, 0), (summary.NodesKnown, summary.NodesUp, summary.NodesDown, summary.NodesUnknown));
        Assert.True(summary.OpenConnections >= 1);
        Assert.True(summary.Requests.Total >= 59);

        StatisticsSnapshot stats = cluster.Monitor.GetStatistics();
        output.WriteLine($"overall: {stats.Overall.Total} requests, p50 {stats.Overall.P50?.TotalMilliseconds:0.###} ms, p95 {stats.Overall.P95?.TotalMilliseconds:0.###} ms, p99 {stats.Overall.P99?.TotalMilliseconds:0.###} ms");
        Assert.Equal(1, stats.Overall.FailuresByType[nameof(SyntaxErrorException)]);
        Assert.True(stats.Overall.Succeeded >= 58);
        Assert.Equal(stats.Overall.Total, stats.Overall.Succeeded + stats.Overall.Failed);
        Assert.True(stats.Overall.P50 <= stats.Overall.P95 && stats.Overall.P95 <= stats.Overall.P99);
        RequestStatistics perNode = stats.ByHost[node.Endpoint];
        Assert.True(perNode.Total >= 59);
        Assert.Equal(1, perNode.FailuresByType[nameof(SyntaxErrorException)]);
        Assert.NotNull(perNode.P99);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            dictionary[tag.Key] = tag.Value;
        }

        return dictionary;
    }
}
