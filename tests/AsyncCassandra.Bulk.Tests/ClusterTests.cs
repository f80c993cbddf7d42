using System.Net;
using AsyncCassandra.Metadata;
using AsyncCassandra.Testing;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>
/// A 3-node cluster of its own (127.0.0.21-23): the ring's ranges and their replicas are public, a statement with a
/// routing token goes to a replica of it, and CountAsync is exact at RF 1 and RF 3 (no range read twice, none missed).
/// </summary>
[Collection(BulkNodeCollection.Name)]
public sealed class ClusterTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Count_is_exact_at_RF1_and_RF3_and_range_queries_go_to_replicas_of_their_range()
    {
        Skip.If(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }, "CASSANDRA_CONTACT_POINTS is set: this test needs a 3-node cluster of its own.");
        await using CassandraTestCluster nodes = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { FirstAddressOctet = 21, NodeCount = 3, HeapMegabytes = 512, Log = output.WriteLine });
        var options = new CassandraOptions { Port = nodes.Port, RequestTimeout = TimeSpan.FromSeconds(30) };
        options.ContactPoints.Add(nodes.ContactPoints[0]);
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS rf1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        for (int i = 0; i < 100 && cluster.Metadata.GetTokenRanges("rf3").FirstOrDefault()?.Replicas.Count != 3; i++)
        {
            await Task.Delay(50);
        }

        ClusterMetadata metadata = cluster.Metadata;
        Assert.Equal(TokenPartitioner.Murmur3, metadata.Partitioner);
        IReadOnlyList<TokenRange> ring = metadata.GetTokenRanges("rf1");
        Assert.Equal(3 * 256, ring.Count);
        Assert.Single(ring, r => r.IsWrapping);
        Assert.All(ring, r => Assert.Single(r.Replicas));
        Assert.All(metadata.GetTokenRanges("rf3"), r => Assert.Equal(3, r.Replicas.Distinct().Count()));

        foreach (string keyspace in new[] { "rf1", "rf3" })
        {
            await session.ExecuteAsync($"CREATE TABLE IF NOT EXISTS {keyspace}.items (k int, c int, v text, PRIMARY KEY ((k, c)))");
            PreparedStatement insert = await session.PrepareAsync($"INSERT INTO {keyspace}.items (k, c, v) VALUES (?, ?, ?)");
            await Parallel.ForEachAsync(Enumerable.Range(0, 3000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                BoundStatement write = insert.Bind(i / 10, i % 10, "v" + i);
                write.ConsistencyLevel = ConsistencyLevel.All;
                await session.ExecuteAsync(write, ct);
            });

            TableMetadata table = await metadata.GetTableAsync(keyspace, "items");
            Assert.Equal(["k", "c"], table.PartitionKey.Select(c => c.Name));
            Assert.Equal(CqlType.Text, table.GetColumn("v")!.Type);

            var bulk = new BulkOperations(session);
            long count = await bulk.CountAsync(keyspace, "items", new BulkOptions { Concurrency = 6, ConsistencyLevel = ConsistencyLevel.One });
            output.WriteLine($"{keyspace}: counted {count}");
            Assert.Equal(3000, count);

            // Each range's query is answered by a replica of that range.
            PreparedStatement perRange = await session.PrepareAsync($"SELECT count(*) FROM {keyspace}.items WHERE token(k, c) > ? AND token(k, c) <= ?");
            long total = 0;
            foreach (TokenRange range in metadata.GetTokenRanges(keyspace).Where(r => !r.IsWrapping).Take(60))
            {
                BoundStatement statement = perRange.Bind(TokenPartitioner.Murmur3.ToCqlValue(range.Start), TokenPartitioner.Murmur3.ToCqlValue(range.End));
                statement.RoutingToken = range.End;
                statement.RoutingKeyspace = keyspace;
                RowSet rows = await session.ExecuteAsync(statement);
                Assert.Contains(Address(rows.Host), range.Replicas.Select(Address));
                total += rows[0].Get<long>(0);
            }

            Assert.InRange(total, 1, 2999);
        }
    }

    private static string Address(string? endpoint)
    {
        Assert.NotNull(endpoint);
        int colon = endpoint.LastIndexOf(':');
        IPAddress address = IPAddress.Parse(endpoint[..colon].Trim('[', ']'));
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
