using System.Diagnostics.Metrics;
using System.Net;
using AsyncCassandra.Cluster;
using AsyncCassandra.Pooling;

namespace AsyncCassandra.Tests.Cluster;

/// <summary>
/// What a hostile or broken cluster cannot make the client do: add nodes from event addresses, refresh once per
/// event, log in again per request after bad credentials, reconnect in a tight loop to a node that drops every
/// connection, keep connections to nodes that left, or cache prepared statements without bound. Driven by a
/// scripted node (<see cref="ScriptedNode"/>) against the whole client.
/// </summary>
public sealed class HostileClusterTests
{
    private static CassandraOptions Options(ScriptedNode node, Action<CassandraOptions>? configure = null)
    {
        var options = new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" }, TopologyEventDelay = TimeSpan.FromMilliseconds(200), SchemaEventDelay = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task Ten_thousand_UP_events_for_unknown_addresses_add_no_node_and_open_no_connection()
    {
        await using var node = new ScriptedNode();
        await using var cluster = new AsyncCluster(Options(node));
        await using AsyncSession session = await cluster.ConnectAsync();
        string[] before = [.. cluster.Nodes];
        int peersReads = node.Queries("FROM system.peers");

        for (int i = 0; i < 10_000; i++)
        {
            await node.SendEventAsync(ScriptedNode.StatusEvent("STATUS_CHANGE", "UP", new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i])));
        }

        await WaitUntilAsync(() => cluster.Core.TopologyRefreshes >= 1);
        await Task.Delay(500);
        Assert.Equal(before, cluster.Nodes);
        Assert.All(session.OpenConnections(), c => Assert.StartsWith("127.0.0.1:", c.EndpointName, StringComparison.Ordinal));
        // One re-read of system.peers for the whole burst (or two, if the burst straddled a window), not 10,000.
        Assert.InRange(node.Queries("FROM system.peers") - peersReads, 1, 2);
    }

    [Fact]
    public async Task A_burst_of_topology_and_schema_events_runs_one_refresh_per_window()
    {
        await using var node = new ScriptedNode();
        await using var cluster = new AsyncCluster(Options(node));
        await using AsyncSession session = await cluster.ConnectAsync();
        int peersReads = node.Queries("FROM system.peers");
        int keyspaceReads = node.Queries("FROM system.schema_keyspaces");

        for (int i = 0; i < 500; i++)
        {
            await node.SendEventAsync(ScriptedNode.StatusEvent("TOPOLOGY_CHANGE", "NEW_NODE", IPAddress.Parse("127.0.0.1")));
            await node.SendEventAsync(ScriptedNode.SchemaEvent("ks" + i));
        }

        await WaitUntilAsync(() => node.Queries("FROM system.peers") > peersReads && node.Queries("FROM system.schema_keyspaces") > keyspaceReads);
        await Task.Delay(600);
        Assert.InRange(node.Queries("FROM system.peers") - peersReads, 1, 2);
        Assert.InRange(node.Queries("FROM system.schema_keyspaces") - keyspaceReads, 1, 2);
    }

    [Fact]
    public async Task Nodes_are_added_only_from_system_peers_and_only_where_the_options_allow()
    {
        await using var node = new ScriptedNode();
        node.Peers.Add((IPAddress.Parse("127.0.0.50"), "datacenter1", "rack1", 100));
        node.Peers.Add((IPAddress.Parse("10.9.8.7"), "datacenter1", "rack1", 200));

        await using (var open = new AsyncCluster(Options(node)))
        {
            await using AsyncSession session = await open.ConnectAsync();
            Assert.Equal(3, open.Nodes.Count);
        }

        await using (var filtered = new AsyncCluster(Options(node, o => o.AllowedNodeNetworks.Add("127.0.0.0/8"))))
        {
            await using AsyncSession session = await filtered.ConnectAsync();
            Assert.Equal(2, filtered.Nodes.Count);
            Assert.DoesNotContain(filtered.Nodes, n => n.StartsWith("10.9.8.7", StringComparison.Ordinal));
        }

        await using (var contactOnly = new AsyncCluster(Options(node, o => o.ConnectToContactPointsOnly = true)))
        {
            await using AsyncSession session = await contactOnly.ConnectAsync();
            Assert.Equal([$"127.0.0.1:{node.Port}"], contactOnly.Nodes);
        }

        await using (var capped = new AsyncCluster(Options(node, o => o.MaxNodes = 2)))
        {
            await using AsyncSession session = await capped.ConnectAsync();
            Assert.Equal(2, capped.Nodes.Count);
        }
    }

    [Fact]
    public async Task A_node_that_leaves_system_peers_is_forgotten_and_its_connections_closed()
    {
        await using var contact = new ScriptedNode();
        await using var peer = new ScriptedNode(IPAddress.Parse("127.0.0.51"), contact.Port);
        contact.Peers.Add((IPAddress.Parse("127.0.0.51"), "datacenter1", "rack1", 100));
        await using var cluster = new AsyncCluster(Options(contact, o => { o.ContactPoints.Clear(); o.ContactPoints.Add("127.0.0.1"); o.Port = contact.Port; }));
        await using AsyncSession session = await cluster.ConnectAsync();
        for (int i = 0; i < 20 && peer.Open == 0; i++)
        {
            await session.ExecuteAsync("SELECT now() FROM system.local"); // round-robin reaches the peer
        }

        Assert.True(peer.Open > 0, "the peer never got a connection");
        contact.Peers.Clear();
        await contact.SendEventAsync(ScriptedNode.StatusEvent("TOPOLOGY_CHANGE", "REMOVED_NODE", IPAddress.Parse("127.0.0.51")));

        await WaitUntilAsync(() => cluster.Nodes.Count == 1 && peer.Open == 0);
        Assert.DoesNotContain(cluster.Nodes, n => n.StartsWith("127.0.0.51", StringComparison.Ordinal));
        Assert.Equal(0, peer.Open);
    }

    [Fact]
    public async Task A_hundred_requests_after_bad_credentials_cost_a_handful_of_logins_not_a_hundred()
    {
        await using var node = new ScriptedNode { RejectCredentials = true };
        await using var cluster = new AsyncCluster(Options(node, o => o.Credentials = new CassandraCredentials("app", "wrong")));
        AsyncSession session = cluster.CreateSession();
        for (int i = 0; i < 100; i++)
        {
            await Assert.ThrowsAsync<AuthenticationException>(() => session.ExecuteAsync("SELECT 1"));
        }

        Assert.InRange(node.AuthResponses, 1, 5);
    }

    [Fact]
    public async Task A_node_that_drops_every_connection_after_READY_is_not_reconnected_in_a_loop()
    {
        await using var node = new ScriptedNode { CloseAfterReady = true };
        var options = Options(node);
        await using var core = new ClusterCore(options);
        var host = new Host("127.0.0.1", node.Port);
        await using var pool = new ConnectionPool(host, core, () => null);
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            try
            {
                await pool.GetConnectionAsync(CancellationToken.None);
            }
            catch (ConnectionException)
            {
            }

            await Task.Delay(10);
        }

        // At the default 1 s base delay (±15 %): the first connection, a second after about a second, a third maybe.
        Assert.InRange(node.Readies, 1, 3);
    }

    [Fact]
    public async Task The_prepared_statement_cache_is_bounded_and_counts_evictions()
    {
        await using var node = new ScriptedNode();
        long evicted = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "cassandra.client.prepared_statements.evicted")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref evicted, value));
        meters.Start();
        await using var cluster = new AsyncCluster(Options(node, o => o.MaxPreparedStatements = 10));
        await using AsyncSession session = await cluster.ConnectAsync();

        for (int i = 0; i < 25; i++)
        {
            PreparedStatement prepared = await session.PrepareAsync($"SELECT v FROM t WHERE k = {i}");
            Assert.NotNull(prepared);
        }

        Assert.InRange(session.PreparedStatementsCached, 1, 10);
        Assert.True(Interlocked.Read(ref evicted) >= 15, $"{evicted} evictions counted");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the condition did not hold within 10 s");
    }
}
