// AsyncCassandra quickstart: connects to CASSANDRA_CONTACT_POINTS, or starts an embedded local Cassandra node when
// no cluster is configured, then writes, reads and streams some rows.
using AsyncCassandra;
using AsyncCassandra.Testing;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
CancellationToken ct = cts.Token;

CassandraOptions options = CassandraOptions.FromEnvironment();
await using CassandraTestCluster? embedded = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }
    ? null
    : await StartEmbeddedNodeAsync(options, ct);

await using var cluster = new AsyncCluster(options);
await using AsyncSession session = await cluster.ConnectAsync(ct);
Console.WriteLine($"Connected to cluster '{cluster.Name}' ({string.Join(", ", cluster.Nodes)}) with native protocol v{cluster.ProtocolVersion}.");

await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS quickstart WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", ct);
await session.ExecuteAsync("USE quickstart", ct);
await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY, name text, email text, created_at timestamp)", ct);

PreparedStatement insert = await session.PrepareAsync("INSERT INTO users (id, name, email, created_at) VALUES (?, ?, ?, ?)", ct);
string[] names = ["Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth"];
var ids = new List<Guid>();
foreach (string name in names)
{
    Guid id = Guid.NewGuid();
    ids.Add(id);
    string email = name.ToLowerInvariant().Replace(' ', '.') + "@example.com";
    await session.ExecuteAsync(insert.Bind(id, name, email, DateTimeOffset.UtcNow), ct);
}

Console.WriteLine($"Inserted {names.Length} users.");

PreparedStatement byId = await session.PrepareAsync("SELECT id, name, email, created_at FROM users WHERE id = ?", ct);
RowSet one = await session.ExecuteAsync(byId.Bind(ids[0]), ct);
Row first = one.First();
Console.WriteLine($"Looked up {first.Get<Guid>("id")}: {first.Get<string>("name")} <{first.Get<string?>("email")}>");

Console.WriteLine("Streaming every user, two rows per page:");
int count = 0;
await foreach (Row row in session.StreamAsync(new SimpleStatement("SELECT name, email FROM users"), new StreamOptions { PageSize = 2 }, ct))
{
    Console.WriteLine($"  {row.Get<string>("name"),-16} {row.Get<string?>("email")}");
    count++;
}

RowSet total = await session.ExecuteAsync("SELECT count(*) FROM users", ct);
Console.WriteLine($"Streamed {count} rows; the table holds {total[0].Get<long>(0)} users.");

static async Task<CassandraTestCluster> StartEmbeddedNodeAsync(CassandraOptions options, CancellationToken ct)
{
    Console.WriteLine("CASSANDRA_CONTACT_POINTS is not set: starting an embedded Apache Cassandra 2.1 node on 127.0.0.1 (first run downloads it from npm)...");
    CassandraTestCluster node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("  [node] " + line) }, ct);
    options.ContactPoints.Clear();
    foreach (string point in node.ContactPoints)
    {
        options.ContactPoints.Add(point);
    }

    options.Port = node.Port;
    return node;
}
