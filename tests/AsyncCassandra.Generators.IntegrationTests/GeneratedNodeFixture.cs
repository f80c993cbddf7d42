using AsyncCassandra.Testing;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>
/// The real node for generated repositories: CASSANDRA_CONTACT_POINTS when set, otherwise the shared test node.
/// Creates keyspace <see cref="Keyspace"/> and the tables of schema.cql (the file the build checks the queries
/// against), of NoSchema/tables.cql and of Shapes/shape-tables.cql, and shares one session on it.
/// </summary>
public sealed class GeneratedNodeFixture : IAsyncLifetime
{
    public const string Keyspace = "gen_it";

    private CassandraTestCluster? _node;

    public AsyncCluster Cluster { get; private set; } = null!;

    public AsyncSession Session { get; private set; } = null!;

    public CassandraTestCluster Node => _node ?? throw new InvalidOperationException("The node is not started.");

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
        Cluster = new AsyncCluster(NewOptions(keyspace: null));
        // schema.cql (checked by the build), then NoSchema's tables.cql (compiled without a schema) and Shapes' tables.
        string[] statements = string.Join(";\n", new[] { "schema.cql", "tables.cql", "shape-tables.cql" }.Select(file => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file))))
            .Split(';')
            .Select(s => string.Join('\n', s.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0 && !s.StartsWith("USE ", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        await using (AsyncSession setup = await Cluster.ConnectAsync())
        {
            await setup.ExecuteAsync(statements[0]);
        }

        Session = await Cluster.ConnectAsync(Keyspace);
        foreach (string statement in statements.Skip(1))
        {
            await Session.ExecuteAsync(new SimpleStatement(statement) { Timeout = TimeSpan.FromMinutes(1) });
        }

        // Tests that read whole tables start from what this run writes.
        await Session.ExecuteAsync(new SimpleStatement("TRUNCATE users") { Timeout = TimeSpan.FromMinutes(1) });
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
public sealed class GeneratedNodeCollection : ICollectionFixture<GeneratedNodeFixture>
{
    public const string Name = "generated-node";
}
