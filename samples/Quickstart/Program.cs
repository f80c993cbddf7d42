// AsyncCassandra quickstart: connects to CASSANDRA_CONTACT_POINTS, or starts an embedded local Cassandra node when
// no cluster is configured, then writes, reads, pages and streams users through a generated repository.
using AsyncCassandra;
using AsyncCassandra.Testing;
using Quickstart;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
CancellationToken ct = cts.Token;

CassandraOptions options = CassandraOptions.FromEnvironment();
await using CassandraTestCluster? embedded = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }
    ? null
    : await StartEmbeddedNodeAsync(options, ct);

await using var cluster = new AsyncCluster(options);
await using (AsyncSession setup = await cluster.ConnectAsync(ct))
{
    await setup.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS quickstart WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", ct);
    await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS quickstart.users (id uuid PRIMARY KEY, name text, email text, created_at timestamp)", ct);
}

await using AsyncSession session = await cluster.ConnectAsync("quickstart", ct);
Console.WriteLine($"Connected to cluster '{cluster.Name}' ({string.Join(", ", cluster.Nodes)}) with native protocol v{cluster.ProtocolVersion}.");
IUserRepository users = IUserRepository.Create(session);

string[] names = ["Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth"];
var ids = new List<Guid>();
foreach (string name in names)
{
    var user = new User(Guid.NewGuid(), name, name.ToLowerInvariant().Replace(' ', '.') + "@example.com", DateTimeOffset.UtcNow);
    await users.InsertAsync(user, ct);
    ids.Add(user.Id);
}

Console.WriteLine($"Inserted {names.Length} users.");

User? ada = await users.GetAsync(ids[0], ct);
Console.WriteLine($"GetAsync({ids[0]}): {ada?.Name} <{ada?.Email}>");

IReadOnlyList<User> some = await users.GetManyAsync(ids.Take(2), ct);
Console.WriteLine($"GetManyAsync: {string.Join(", ", some.Select(u => u.Name).Order())}");

Guid newcomer = Guid.NewGuid();
Console.WriteLine($"TryCreateAsync (new id): applied = {await users.TryCreateAsync(newcomer, "Alan Turing", DateTimeOffset.UtcNow, ct)}");
Console.WriteLine($"TryCreateAsync (same id again): applied = {await users.TryCreateAsync(newcomer, "Alan Turing", DateTimeOffset.UtcNow, ct)}");

CqlPage<User> first = await users.PageAsync(null, ct);
Console.WriteLine($"PageAsync: first page holds {first.Items.Count} users; more pages: {first.PagingState is not null}");

Console.WriteLine("StreamAllAsync (pages are fetched while rows are consumed):");
await foreach (User user in users.StreamAllAsync(ct))
{
    Console.WriteLine($"  {user.Name,-16} {user.Email ?? "(no email)"}");
}

Console.WriteLine($"CountAsync: the table holds {await users.CountAsync(ct)} users.");

// The session API is there too, for ad-hoc statements.
RowSet rows = await session.ExecuteAsync("SELECT release_version FROM system.local", ct);
Console.WriteLine($"Server release: {rows[0].Get<string>("release_version")}");

static async Task<CassandraTestCluster> StartEmbeddedNodeAsync(CassandraOptions options, CancellationToken ct)
{
    Console.WriteLine("CASSANDRA_CONTACT_POINTS is not set: starting an embedded Apache Cassandra 2.1 node on 127.0.0.1 (the first run downloads it from npm)...");
    CassandraTestCluster node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("  [node] " + line) }, ct);
    options.ContactPoints.Clear();
    foreach (string point in node.ContactPoints)
    {
        options.ContactPoints.Add(point);
    }

    options.Port = node.Port;
    return node;
}
