using System.Globalization;
using AsyncCassandra.Cluster;
using AsyncCassandra.Cluster.Routing;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Types;
using BenchmarkDotNet.Attributes;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// What token-aware routing adds to a request before it is sent: the routing key from the bound values, the Murmur3
/// token, the replica lookup in a ring of 3 nodes x 256 vnodes, and the plan's first node. The baseline is the plain
/// round-robin plan.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private Host[] _hosts = null!;
    private TokenMap _map = null!;
    private BoundStatement _objects = null!;
    private BoundStatement _encoded = null!;
    private int _start;

    [GlobalSetup]
    public void Setup()
    {
        _hosts = [.. Enumerable.Range(1, 3).Select(n => new Host($"10.0.0.{n}", 9042) { Datacenter = "dc1", Rack = "r1" })];
        var random = new Random(42);
        var nodes = _hosts.Select(h => (h, (IReadOnlyCollection<string>)[.. Enumerable.Range(0, 256).Select(_ => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture))]));
        var keyspaces = new Dictionary<string, ReplicationStrategy>
        {
            ["bench"] = ReplicationStrategy.From("SimpleStrategy", new Dictionary<string, string> { ["replication_factor"] = "3" })!,
        };
        _map = TokenMap.Build(Murmur3Partitioner.Instance, nodes, keyspaces)!;

        var variables = new ColumnDefinitions([new ColumnDefinition(0, "bench", "kv", "k", CqlType.Native(CqlTypeCode.Varchar))]);
        var prepared = new PreparedStatement("SELECT v FROM bench.kv WHERE k = ?", "bench", new PreparedState([1, 2, 3], null, variables, new ColumnDefinitions([]), [0]));
        _objects = prepared.Bind("key-0000000042");
        var values = new CqlWriter(64);
        values.WriteBytes("key-0000000042"u8);
        _encoded = prepared.BindEncoded(1, values);
        _map.Replicas("bench", default); // computes the replica table once, as the first request would
    }

    [Benchmark(Baseline = true)]
    public string RoundRobin()
    {
        var plan = new QueryPlan(_hosts, "dc1", _start++);
        plan.TryNext(out Host? host);
        return host!.Endpoint;
    }

    [Benchmark]
    public string TokenAware_object_values() => Routed(_objects);

    [Benchmark]
    public string TokenAware_encoded_values() => Routed(_encoded);

    private string Routed(Statement statement)
    {
        Host[]? replicas = StatementRouting.TryGetToken(statement, _map.Partitioner, 3, out string keyspace, out UInt128 token) ? _map.Replicas(keyspace, token) : null;
        var plan = new QueryPlan(_hosts, "dc1", _start++, replicas, Random.Shared.Next(3));
        plan.TryNext(out Host? host);
        return host!.Endpoint;
    }
}
