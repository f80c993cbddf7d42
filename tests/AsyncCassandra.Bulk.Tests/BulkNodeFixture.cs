using AsyncCassandra.Testing;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>
/// The shared real node (127.0.0.1, or CASSANDRA_CONTACT_POINTS) with a keyspace "bulk" and a session on it, and a
/// scratch directory for the files the tests write.
/// </summary>
public sealed class BulkNodeFixture : IAsyncLifetime
{
    public const string Keyspace = "bulk";

    private CassandraTestCluster? _node;

    public CassandraTestCluster Node => _node ?? throw new InvalidOperationException("The node is not started.");

    public AsyncCluster Cluster { get; private set; } = null!;

    public AsyncSession Session { get; private set; } = null!;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "asynccassandra-bulk-tests-" + Environment.ProcessId);

    public CassandraOptions NewOptions()
    {
        var options = new CassandraOptions { Port = Node.Port, RequestTimeout = TimeSpan.FromSeconds(60) };
        foreach (string point in Node.ContactPoints)
        {
            options.ContactPoints.Add(point);
        }

        return options;
    }

    /// <summary>The environment a child process (the sample) needs to reach the same node.</summary>
    public Dictionary<string, string> ChildEnvironment() => new()
    {
        ["CASSANDRA_CONTACT_POINTS"] = string.Join(",", Node.ContactPoints),
        ["CASSANDRA_PORT"] = Node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("[test-node] " + line) });
        Cluster = new AsyncCluster(NewOptions());
        Session = await Cluster.ConnectAsync();
        await Session.ExecuteAsync($"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
    }

    /// <summary>Creates (or empties) a table and fills it with <paramref name="partitions"/> x <paramref name="rowsPerPartition"/> rows (p, c, v) in unlogged batches.</summary>
    public async Task LoadNumberedAsync(string table, int partitions, int rowsPerPartition, int valueLength = 20)
    {
        await Session.ExecuteAsync($"DROP TABLE IF EXISTS {Keyspace}.{table}");
        await Session.ExecuteAsync($"CREATE TABLE {Keyspace}.{table} (p int, c int, v text, PRIMARY KEY (p, c))");
        PreparedStatement insert = await Session.PrepareAsync($"INSERT INTO {Keyspace}.{table} (p, c, v) VALUES (?, ?, ?)");
        string padding = new('x', Math.Max(0, valueLength - 12));
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, ct) =>
        {
            for (int start = 0; start < rowsPerPartition; start += 100)
            {
                var batch = new BatchStatement(BatchType.Unlogged);
                for (int c = start; c < Math.Min(rowsPerPartition, start + 100); c++)
                {
                    batch.Add(insert.Bind(p, c, $"{p:D5}/{c:D5}/{padding}"));
                }

                await Session.ExecuteAsync(batch, ct);
            }
        });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BulkNodeCollection : ICollectionFixture<BulkNodeFixture>
{
    public const string Name = "bulk node";
}
