using AsyncCassandra.Cluster;
using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.Tests.Cluster.Routing;

/// <summary>
/// The ring and replica placement, on hand-made rings: a token belongs to the range (previous token, token], owned by
/// the node of the ring token; SimpleStrategy takes the next distinct nodes; NetworkTopologyStrategy places per data
/// centre and prefers racks it has not used (Cassandra's NetworkTopologyStrategy.calculateNaturalEndpoints).
/// </summary>
public class TokenMapTests
{
    private static readonly Host A = Node("10.0.0.1", "dc1", "r1");
    private static readonly Host B = Node("10.0.0.2", "dc1", "r1");
    private static readonly Host C = Node("10.0.0.3", "dc1", "r2");
    private static readonly Host D = Node("10.0.0.4", "dc2", "r1");
    private static readonly Host E = Node("10.0.0.5", "dc2", "r1");

    private static Host Node(string address, string dc, string rack) => new(address, 9042) { Datacenter = dc, Rack = rack };

    private static UInt128 T(long token) => Murmur3Partitioner.FromLong(token);

    private static TokenMap Ring(IReadOnlyDictionary<string, ReplicationStrategy> keyspaces, params (Host Host, string[] Tokens)[] nodes) =>
        TokenMap.Build(Murmur3Partitioner.Instance, nodes.Select(n => (n.Host, (IReadOnlyCollection<string>)n.Tokens)), keyspaces)!;

    private static Dictionary<string, ReplicationStrategy> Keyspace(string name, ReplicationStrategy strategy) => new() { [name] = strategy };

    private static ReplicationStrategy Simple(int rf) => ReplicationStrategy.From("SimpleStrategy", new Dictionary<string, string> { ["replication_factor"] = rf.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;

    private static ReplicationStrategy Nts(params (string Dc, int Rf)[] factors) =>
        ReplicationStrategy.From("org.apache.cassandra.locator.NetworkTopologyStrategy", factors.ToDictionary(f => f.Dc, f => f.Rf.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;

    [Theory]
    [InlineData(-100, 0)] // equal to a ring token: that node's range ends there
    [InlineData(-99, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(300, 4)]
    [InlineData(301, 0)] // past the last token: wraps to the first
    [InlineData(long.MinValue + 1, 0)]
    [InlineData(long.MaxValue, 0)]
    public void A_token_belongs_to_the_first_ring_token_at_or_after_it(long token, int index)
    {
        TokenMap map = Ring(Keyspace("ks", Simple(1)), (A, ["-100", "200"]), (B, ["0", "300"]), (C, ["100"]));

        Assert.Equal(5, map.RingSize);
        Assert.Equal(index, map.RingIndex(T(token)));
        Assert.Same(new[] { A, B, C, A, B }[index], map.Replicas("ks", T(token))![0]);
    }

    [Fact]
    public void A_replication_factor_of_two_billion_from_the_schema_costs_no_more_than_the_nodes_there_are()
    {
        // The factor is whatever the server's schema says; it must not size an allocation (2e9 would be ~16 GB).
        TokenMap map = Ring(Keyspace("ks", Simple(2_000_000_000)), (A, ["-100", "200"]), (B, ["0", "300"]), (C, ["100"]));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Host[] replicas = map.Replicas("ks", T(50))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([C, A, B], replicas);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void SimpleStrategy_takes_the_next_distinct_nodes_clockwise()
    {
        TokenMap map = Ring(Keyspace("ks", Simple(2)), (A, ["-100", "200"]), (B, ["0", "300"]), (C, ["100"]));

        Assert.Equal([A, B], map.Replicas("ks", T(-100)));
        Assert.Equal([C, A], map.Replicas("ks", T(50)));
        Assert.Equal([B, A], map.Replicas("ks", T(250))); // B at 300, then A at -100 after the wrap
    }

    [Fact]
    public void A_factor_above_the_node_count_gives_every_node_once()
    {
        TokenMap map = Ring(Keyspace("ks", Simple(5)), (A, ["-100", "200"]), (B, ["0", "300"]), (C, ["100"]));

        Assert.Equal([A, B, C], map.Replicas("ks", T(-150)));
    }

    [Fact]
    public void NetworkTopologyStrategy_prefers_a_rack_not_used_yet()
    {
        // dc1 has racks r1 (A, B) and r2 (C); dc2 has one rack (D, E).
        TokenMap map = Ring(Keyspace("ks", Nts(("dc1", 2), ("dc2", 1))), (A, ["0"]), (B, ["10"]), (C, ["20"]), (D, ["30"]), (E, ["40"]));

        // From A: B shares A's rack and waits; C is on a new rack. Ring order alone would give A, B.
        Assert.Equal([A, C, D], map.Replicas("ks", T(0)));
        Assert.Equal([B, C, D], map.Replicas("ks", T(10)));
        Assert.Equal([C, D, A], map.Replicas("ks", T(20)));
        Assert.Equal([D, A, C], map.Replicas("ks", T(30)));
    }

    [Fact]
    public void Nodes_that_waited_fill_the_data_centre_once_every_rack_is_used()
    {
        TokenMap map = Ring(Keyspace("ks", Nts(("dc1", 3), ("dc2", 1))), (A, ["0"]), (B, ["10"]), (C, ["20"]), (D, ["30"]), (E, ["40"]));

        Assert.Equal([A, C, B, D], map.Replicas("ks", T(0)));
    }

    [Fact]
    public void A_data_centre_without_nodes_or_with_factor_zero_is_ignored()
    {
        TokenMap map = Ring(Keyspace("ks", Nts(("dc1", 1), ("dc9", 3))), (A, ["0"]), (D, ["30"]));

        Assert.Equal([A], map.Replicas("ks", T(-5)));
        Assert.Equal([A], map.Replicas("ks", T(5)));
    }

    [Fact]
    public void Unknown_or_unroutable_keyspaces_have_no_replicas()
    {
        TokenMap map = Ring(Keyspace("ks", Simple(1)), (A, ["0"]));

        Assert.Null(map.Replicas("other", T(0)));
        Assert.False(map.CanRoute("other"));
        Assert.Null(ReplicationStrategy.From("LocalStrategy", new Dictionary<string, string>()));
        Assert.Null(ReplicationStrategy.From("SimpleStrategy", new Dictionary<string, string>()));

        TokenMap updated = map.WithKeyspaces(Keyspace("other", Simple(1)));
        Assert.Equal([A], updated.Replicas("other", T(0)));
        Assert.Null(updated.Replicas("ks", T(0)));
    }

    [Fact]
    public void Nodes_without_valid_tokens_make_no_map()
    {
        Assert.Null(TokenMap.Build(Murmur3Partitioner.Instance, [(A, (IReadOnlyCollection<string>)["not-a-token"])], new Dictionary<string, ReplicationStrategy>()));
        Assert.Null(TokenMap.Build(Murmur3Partitioner.Instance, [], new Dictionary<string, ReplicationStrategy>()));
    }

    [Fact]
    public void Cassandra_2_1_strategy_options_are_json()
    {
        Assert.Equal(Simple(3), ReplicationStrategy.FromJson("org.apache.cassandra.locator.SimpleStrategy", "{\"replication_factor\":\"3\"}"));
        Assert.Equal(Nts(("dc1", 3), ("dc2", 2)), ReplicationStrategy.FromJson("org.apache.cassandra.locator.NetworkTopologyStrategy", "{\"dc2\":\"2\",\"dc1\":\"3\"}"));
        Assert.Null(ReplicationStrategy.FromJson("org.apache.cassandra.locator.SimpleStrategy", "{not json"));
        Assert.Null(ReplicationStrategy.FromJson("org.apache.cassandra.locator.LocalStrategy", "{}"));
    }

    [Fact]
    public void Transient_replication_counts_all_replicas()
    {
        ReplicationStrategy strategy = ReplicationStrategy.From("NetworkTopologyStrategy", new Dictionary<string, string> { ["class"] = "NetworkTopologyStrategy", ["dc1"] = "3/1" })!;

        Assert.Equal(Nts(("dc1", 3)), strategy);
    }

    [Fact]
    public void Keyspaces_with_the_same_replication_share_one_replica_table()
    {
        var keyspaces = new Dictionary<string, ReplicationStrategy> { ["a"] = Simple(2), ["b"] = Simple(2) };
        TokenMap map = Ring(keyspaces, (A, ["0"]), (B, ["10"]), (C, ["20"]));

        Assert.Same(map.Replicas("a", T(5)), map.Replicas("b", T(5)));
    }
}
