using AsyncCassandra.Testing;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>
/// The shared real node (CASSANDRA_CONTACT_POINTS when set, otherwise the test node on 127.0.0.1, reused when one
/// already answers) and a keyspace of these tests.
/// </summary>
public sealed class SharedNodeFixture : IAsyncLifetime
{
    public const string Keyspace = "hosting_it";

    private CassandraTestCluster? _node;

    public CassandraTestCluster Node => _node ?? throw new InvalidOperationException("The node is not started.");

    /// <summary>Configuration keys (under "Cassandra:") that reach the node.</summary>
    public Dictionary<string, string?> Settings(string section = "Cassandra")
    {
        var settings = new Dictionary<string, string?>
        {
            [section + ":Port"] = Node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [section + ":Keyspace"] = Keyspace,
            [section + ":RequestTimeout"] = "00:00:30",
        };
        for (int i = 0; i < Node.ContactPoints.Count; i++)
        {
            settings[$"{section}:ContactPoints:{i}"] = Node.ContactPoints[i];
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        _node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("[test-node] " + line) });
        var options = new CassandraOptions { Port = _node.Port, RequestTimeout = TimeSpan.FromSeconds(30) };
        foreach (string point in _node.ContactPoints)
        {
            options.ContactPoints.Add(point);
        }

        await using var cluster = new AsyncCluster(options);
        await using AsyncSession setup = await cluster.ConnectAsync();
        await setup.ExecuteAsync($"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedNodeCollection : ICollectionFixture<SharedNodeFixture>
{
    public const string Name = "shared-node";
}
