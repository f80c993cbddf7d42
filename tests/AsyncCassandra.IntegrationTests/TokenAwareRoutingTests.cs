using System.Diagnostics;
using System.Net;
using AsyncCassandra.Cluster;
using AsyncCassandra.Protocol;
using AsyncCassandra.Testing;
using AsyncCassandra.Advanced;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// A 3-node cluster of its own (127.0.0.11-13): statements whose partition is known go to a replica of it. The
/// expected replicas come from the server: its <c>token()</c> of each key and the ring in system.local/system.peers,
/// walked here independently of the client's token map.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class TokenAwareRoutingTests(ITestOutputHelper output)
{
    private const int Keys = 300;

    [SkippableFact]
    public async Task Requests_go_to_replicas_of_their_partition_and_avoid_a_stopped_one()
    {
        await using CassandraTestCluster nodes = await OwnNode.StartAsync(11, output, "a 3-node cluster", o => o.NodeCount = 3);
        // The first node by another spelling of its address (as a host name would be): the system tables list it as
        // 127.0.0.11, and it must stay one node.
        var logs = new RecordingLoggerFactory();
        var options = new CassandraOptions { Port = nodes.Port, RequestTimeout = TimeSpan.FromSeconds(20), LoggerFactory = logs };
        options.ContactPoints.Add("::ffff:" + nodes.ContactPoints[0]);
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS one_copy WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS two_copies WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 2}");
        foreach (string ks in new[] { "one_copy", "two_copies" })
        {
            await session.ExecuteAsync($"CREATE TABLE IF NOT EXISTS {ks}.kv (k int PRIMARY KEY, v int)");
        }

        // The schema changes waited for the three nodes to agree, logged at Debug with the stable id 2401.
        Assert.Contains(logs.Records, r => r.EventId.Id == 2401 && r.EventId.Name == "SchemaAgreed" && r.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
        List<(long Token, string Node)> ring = await ReadRingAsync(session);
        Assert.Equal(3, ring.Select(r => r.Node).Distinct().Count());
        await WaitForKeyspacesAsync(session, "one_copy", "two_copies");

        // RF 1: every request is coordinated by the one replica.
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO one_copy.kv (k, v) VALUES (?, ?)");
        PreparedStatement select = await session.PrepareAsync("SELECT v FROM one_copy.kv WHERE k = ?");
        PreparedStatement token = await session.PrepareAsync("SELECT token(k) FROM one_copy.kv WHERE k = ?");
        var owners = new Dictionary<int, string>();
        var coordinators = new Dictionary<string, int>();
        for (int k = 0; k < Keys; k++)
        {
            RowSet written = await session.ExecuteAsync(insert.Bind(k, k));
            string owner = Replicas(ring, (await session.ExecuteAsync(token.Bind(k)))[0].Get<long>(0), 1)[0];
            owners[k] = owner;
            RowSet read = await session.ExecuteAsync(select.Bind(k));
            Assert.Equal(owner, Address(written.Host));
            Assert.Equal(owner, Address(read.Host));
            coordinators[owner] = coordinators.GetValueOrDefault(owner) + 1;
        }

        output.WriteLine("keys per owner: " + string.Join(", ", coordinators.Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(3, coordinators.Count);

        // Values encoded by generated code (BindEncoded) and batches are routed too.
        for (int k = 0; k < 30; k++)
        {
            using var values = new CqlWriter();
            values.WriteInt(4);
            values.WriteInt(k);
            RowSet encoded = await session.ExecuteAsync(select.BindEncoded(1, values));
            Assert.Equal(owners[k], Address(encoded.Host));
            var batch = new BatchStatement(BatchType.Unlogged) { insert.Bind(k, k + 1), insert.Bind(k, k + 2) };
            Assert.Equal(owners[k], Address((await session.ExecuteAsync(batch)).Host));
        }

        // Without routing the same requests spread round-robin: about a third reach the owner.
        CassandraOptions plain = OwnNode.ClientOptions(nodes, o => o.TokenAwareRouting = false);
        await using (var roundRobin = new AsyncCluster(plain))
        await using (AsyncSession other = await roundRobin.ConnectAsync())
        {
            PreparedStatement otherSelect = await other.PrepareAsync("SELECT v FROM one_copy.kv WHERE k = ?");
            int atOwner = 0;
            for (int k = 0; k < Keys; k++)
            {
                atOwner += Address((await other.ExecuteAsync(otherSelect.Bind(k))).Host) == owners[k] ? 1 : 0;
            }

            output.WriteLine($"round-robin: {atOwner} of {Keys} at the owner");
            Assert.InRange(atOwner, 1, Keys * 2 / 3);

            // Schema agreement: a table created through one client is there for another, whichever nodes each uses
            // (the wait asks the node that made the change, not the control connection's node, which may lag).
            // Every node is asked directly, on the other client's connection to it, once the creating call returns.
            Assert.Equal(3, other.OpenConnections().Select(c => c.EndpointName).Distinct().Count());
            for (int t = 0; t < 6; t++)
            {
                await session.ExecuteAsync($"CREATE TABLE IF NOT EXISTS one_copy.agreed{t} (k int PRIMARY KEY)");
                var versions = new HashSet<Guid>();
                foreach (Connections.Connection connection in other.OpenConnections())
                {
                    RowSet local = await AsyncCassandra.Cluster.SystemQueries.QueryAsync(connection, "SELECT schema_version FROM system.local WHERE key = 'local'", TimeSpan.FromSeconds(30), CancellationToken.None);
                    versions.Add(local[0].Get<Guid>(0));
                }

                Assert.True(versions.Count == 1, $"table {t}: the nodes report {versions.Count} schema versions after the call returned");
                await other.PrepareAsync($"SELECT k FROM one_copy.agreed{t} WHERE k = ?");
            }
        }

        // RF 2 under NetworkTopologyStrategy: always one of the two replicas, and both share the load.
        PreparedStatement insert2 = await session.PrepareAsync("INSERT INTO two_copies.kv (k, v) VALUES (?, ?)");
        PreparedStatement token2 = await session.PrepareAsync("SELECT token(k) FROM two_copies.kv WHERE k = ?");
        var replicaSets = new Dictionary<int, string[]>();
        int atPrimary = 0;
        for (int k = 0; k < Keys; k++)
        {
            // ALL: both replicas hold the row before the token query (and the reads after a node stops) look for it.
            BoundStatement write = insert2.Bind(k, k);
            write.ConsistencyLevel = ConsistencyLevel.All;
            string host = Address((await session.ExecuteAsync(write)).Host);
            string[] replicas = Replicas(ring, (await session.ExecuteAsync(token2.Bind(k)))[0].Get<long>(0), 2);
            replicaSets[k] = replicas;
            Assert.Contains(host, replicas);
            atPrimary += host == replicas[0] ? 1 : 0;
        }

        Assert.InRange(atPrimary, Keys / 5, Keys * 4 / 5);

        // The contact node stops: requests for its keys go to the other replica; nothing fails and nothing waits on it.
        Assert.Equal(3, session.Core.Hosts.Count);
        Host contact = Assert.IsType<Host>(session.Core.ControlHost);
        string stopped = nodes.ContactPoints[0];
        var health = new CassandraHealthCheck(session);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("cassandra", health, HealthStatus.Unhealthy, null) };
        HealthCheckResult before = await health.CheckHealthAsync(context);
        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(3, before.Data["nodes_up"]);
        await nodes.StopNodeAsync(0);
        await AssertDegradedAsync(session, health, context, stopped);
        PreparedStatement select2 = await session.PrepareAsync("SELECT v FROM two_copies.kv WHERE k = ?");
        int movedAway = 0;
        for (int k = 0; k < Keys; k++)
        {
            RowSet rows = await session.ExecuteAsync(select2.Bind(k));
            string host = Address(rows.Host);
            Assert.Equal(k, rows[0].Get<int>(0));
            Assert.NotEqual(stopped, host);
            Assert.Contains(host, replicaSets[k].Where(r => r != stopped));
            movedAway += replicaSets[k].Contains(stopped) ? 1 : 0;
        }

        output.WriteLine($"{movedAway} keys had a replica on the stopped node");
        Assert.True(movedAway > 0);

        // The control connection moved to another node, whose system.peers lists the contact node by its address:
        // still three nodes and one ring of 3 x 256 tokens, not a fourth node under the address.
        for (int i = 0; i < 100 && ReferenceEquals(session.Core.ControlHost, contact); i++)
        {
            await Task.Delay(100);
        }

        Assert.NotSame(contact, session.Core.ControlHost);
        Assert.Equal(3, session.Core.Hosts.Count);
        Assert.Equal(ring.Count, session.Core.TokenMap!.RingSize);
    }

    /// <summary>
    /// One node of three stopped: the health check reports Degraded (it still answers, through another node) naming the
    /// node that is down, and the connection monitor shows it down and the two others up.
    /// </summary>
    private async Task AssertDegradedAsync(AsyncSession session, CassandraHealthCheck health, HealthCheckContext context, string stopped)
    {
        var watch = Stopwatch.StartNew();
        HealthCheckResult result;
        var timings = new List<double>();
        do
        {
            long started = Stopwatch.GetTimestamp();
            result = await health.CheckHealthAsync(context);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (result.Status != HealthStatus.Degraded)
            {
                await Task.Delay(50);
            }
        }
        while (result.Status != HealthStatus.Degraded && watch.Elapsed < TimeSpan.FromSeconds(30));

        output.WriteLine($"health: {result.Status} {watch.Elapsed.TotalMilliseconds:0} ms after the node stopped ({timings.Count} check(s), each {timings.Min():0.#}-{timings.Max():0.#} ms): {result.Description}");
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(2, result.Data["nodes_up"]);
        Assert.Equal(3, result.Data["nodes_known"]);
        Assert.Contains(stopped, (string)result.Data["nodes_down"], StringComparison.Ordinal);

        ClusterSummary summary = session.Cluster.Monitor.GetSummary();
        Assert.Equal((3, 2, 1), (summary.NodesKnown, summary.NodesUp + summary.NodesUnknown, summary.NodesDown));
        HostStatus down = Assert.Single(summary.Hosts, h => h.State == HostState.Down);
        Assert.EndsWith(stopped, down.Address, StringComparison.Ordinal); // the contact point, spelt ::ffff:127.0.0.11
        Assert.NotNull(down.LastError);
        Assert.All(summary.Hosts.Where(h => h.State == HostState.Up), h => Assert.False(string.IsNullOrEmpty(h.Datacenter)));
    }

    /// <summary>Every node's tokens from the system tables (system.local of the node that answers, system.peers for the rest).</summary>
    private static async Task<List<(long Token, string Node)>> ReadRingAsync(AsyncSession session)
    {
        var tokens = new Dictionary<string, HashSet<string>>();
        for (int attempt = 0; attempt < 6; attempt++)
        {
            RowSet local = await session.ExecuteAsync("SELECT tokens FROM system.local WHERE key = 'local'");
            tokens[Address(local.Host)] = local[0].Get<HashSet<string>>(0);
            foreach (Row peer in await session.ExecuteAsync("SELECT peer, tokens FROM system.peers"))
            {
                tokens[peer.Get<IPAddress>(0).ToString()] = peer.Get<HashSet<string>>(1);
            }
        }

        return [.. tokens.SelectMany(n => n.Value.Select(t => (long.Parse(t, System.Globalization.CultureInfo.InvariantCulture), n.Key))).OrderBy(r => r.Item1)];
    }

    /// <summary>The first <paramref name="count"/> distinct nodes clockwise from the first ring token at or after <paramref name="token"/>.</summary>
    private static string[] Replicas(List<(long Token, string Node)> ring, long token, int count)
    {
        int start = ring.FindIndex(r => r.Token >= token);
        if (start < 0)
        {
            start = 0;
        }

        var replicas = new List<string>();
        for (int i = 0; i < ring.Count && replicas.Count < count; i++)
        {
            string node = ring[(start + i) % ring.Count].Node;
            if (!replicas.Contains(node))
            {
                replicas.Add(node);
            }
        }

        return [.. replicas];
    }

    /// <summary>Keyspaces created a moment ago reach the client's token map through the server's schema events.</summary>
    private static async Task WaitForKeyspacesAsync(AsyncSession session, params string[] keyspaces)
    {
        for (int i = 0; i < 100 && !keyspaces.All(k => session.Core.TokenMap?.CanRoute(k) == true); i++)
        {
            await Task.Delay(50);
        }

        Assert.All(keyspaces, k => Assert.True(session.Core.TokenMap?.CanRoute(k), $"{k} is not in the token map"));
    }

    /// <summary>The IPv4 address of an endpoint ("127.0.0.11:9042", or "[::ffff:127.0.0.11]:9042" for the contact node).</summary>
    private static string Address(string? endpoint)
    {
        Assert.NotNull(endpoint);
        int colon = endpoint.LastIndexOf(':');
        IPAddress address = IPAddress.Parse(endpoint[..colon].Trim('[', ']'));
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
