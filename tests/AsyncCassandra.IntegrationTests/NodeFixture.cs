using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// The shared real node for the integration tests: CASSANDRA_CONTACT_POINTS when set, otherwise Apache Cassandra
/// 2.1 started by the test-node fixture on 127.0.0.1 (reused when one already listens). One session on a test
/// keyspace is shared; tests that need their own settings open their own cluster.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private CassandraTestCluster? _node;

    public const string Keyspace = "it";

    public CassandraTestCluster Node => _node ?? throw new InvalidOperationException("The node is not started.");

    public AsyncCluster Cluster { get; private set; } = null!;

    public AsyncSession Session { get; private set; } = null!;

    public CassandraOptions NewOptions(string? keyspace = Keyspace)
    {
        var options = new CassandraOptions { Port = Node.Port, Keyspace = keyspace, RequestTimeout = TimeSpan.FromSeconds(30) };
        foreach (string point in Node.ContactPoints)
        {
            options.ContactPoints.Add(point);
        }

        return options;
    }

    public async Task InitializeAsync()
    {
        _node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("[test-node] " + line) });
        Console.WriteLine($"[test-node] using {string.Join(",", _node.ContactPoints)}:{_node.Port} (external: {_node.IsExternal})");
        Cluster = new AsyncCluster(NewOptions(keyspace: null));
        AsyncSession setup = await Cluster.ConnectAsync();
        await setup.ExecuteAsync($"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await setup.DisposeAsync();
        Session = await Cluster.ConnectAsync(Keyspace);
    }

    public const int PagedPartitions = 100;
    public const int PagedRowsPerPartition = 1000;
    private Task? _paged;

    /// <summary>The table "paged": 100 partitions of 1,000 rows (p, c, v = "row p/c"), loaded once per run.</summary>
    public Task EnsurePagedTableAsync()
    {
        lock (this)
        {
            return _paged ??= LoadPagedAsync();
        }
    }

    private async Task LoadPagedAsync()
    {
        AsyncSession s = Session;
        await s.ExecuteAsync("CREATE TABLE IF NOT EXISTS paged (p int, c int, v text, PRIMARY KEY (p, c))");
        RowSet count = await s.ExecuteAsync(new SimpleStatement("SELECT count(*) FROM paged") { Timeout = TimeSpan.FromMinutes(2) });
        if (count[0].Get<long>(0) == PagedPartitions * PagedRowsPerPartition)
        {
            return;
        }

        PreparedStatement insert = await s.PrepareAsync("INSERT INTO paged (p, c, v) VALUES (?, ?, ?)");
        await Parallel.ForEachAsync(Enumerable.Range(0, PagedPartitions), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
        {
            for (int start = 0; start < PagedRowsPerPartition; start += 100)
            {
                var batch = new BatchStatement(BatchType.Unlogged);
                for (int c = start; c < start + 100; c++)
                {
                    batch.Add(insert.Bind(p, c, $"row {p}/{c}"));
                }

                await s.ExecuteAsync(batch, ct);
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
    }
}

[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<NodeFixture>
{
    public const string Name = "node";
}
