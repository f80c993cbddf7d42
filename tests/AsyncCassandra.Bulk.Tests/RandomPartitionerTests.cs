using AsyncCassandra.Metadata;
using AsyncCassandra.Testing;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>A node of its own (127.0.0.24) under RandomPartitioner: tokens run from -1 to 2^127 and bind as varint.</summary>
[Collection(BulkNodeCollection.Name)]
public sealed class RandomPartitionerTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Count_and_export_are_exact_under_RandomPartitioner()
    {
        Skip.If(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }, "CASSANDRA_CONTACT_POINTS is set: this test needs a node of its own.");
        await using CassandraTestCluster node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions
        {
            FirstAddressOctet = 24,
            HeapMegabytes = 512,
            Log = output.WriteLine,
            ConfigurationOverrides = { ["partitioner"] = "org.apache.cassandra.dht.RandomPartitioner" },
        });
        var options = new CassandraOptions { Port = node.Port, RequestTimeout = TimeSpan.FromSeconds(30) };
        options.ContactPoints.Add(node.ContactPoints[0]);
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        Assert.Same(TokenPartitioner.Random, await cluster.Metadata.GetPartitionerAsync());
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS md5 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("DROP TABLE IF EXISTS md5.items");
        await session.ExecuteAsync("CREATE TABLE md5.items (k text PRIMARY KEY, v int)");
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO md5.items (k, v) VALUES (?, ?)");
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) => await session.ExecuteAsync(insert.Bind("key" + i, i), ct));

        var bulk = new BulkOperations(session);
        Assert.Equal(2000, await bulk.CountAsync("md5", "items", new BulkOptions { SplitCount = 300 }));
        string file = Path.Combine(Path.GetTempPath(), $"md5-{Environment.ProcessId}.csv");
        try
        {
            ExportResult export = await bulk.ExportAsync("md5", "items", new ExportOptions { OutputPath = file, Concurrency = 3 });
            Assert.Equal(2000, export.Rows);
            string[] keys = [.. File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')[0])];
            Assert.Equal(2000, keys.Distinct().Count());
            Assert.Equal(2000, keys.Length);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
