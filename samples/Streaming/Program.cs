// Streaming: the two demos of true async paging. (1) A timer on the same thread keeps ticking every 10 ms while
// 100,000 rows stream (it prints the largest gap); (2) a failing query and a failing stream leave the session working
// while a reader and a writer keep going. Connects to CASSANDRA_CONTACT_POINTS, or starts a local node.
using AsyncCassandra;
using AsyncCassandra.Testing;
using Streaming;

return SingleThreadContext.Run(async () =>
{
    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cts.Cancel();
    };
    CancellationToken ct = cts.Token;

    CassandraOptions options = CassandraOptions.FromEnvironment();
    await using CassandraTestCluster? embedded = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }
        ? null
        : await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.Error.WriteLine("[local node] " + line) }, ct);
    if (embedded is not null)
    {
        options.ContactPoints.Clear();
        options.ContactPoints.Add(embedded.ContactPoints[0]);
        options.Port = embedded.Port;
    }

    await using var cluster = new AsyncCluster(options);
    await using AsyncSession session = await cluster.ConnectAsync(ct);
    await LoadAsync(session, ct);

    TimeSpan gap = await Demos.TimerKeepsTickingAsync(session, ct);
    bool survived = await Demos.SessionSurvivesFailuresAsync(session, ct);
    // The timer shares its one thread with the stream: code that waited synchronously for a page there would deadlock
    // it (the page's continuation needs that very thread), and the timer would stop for good. A gap of a second allows
    // for a garbage collection or a busy machine and still tells a stopped thread from a working one.
    bool ticking = gap < TimeSpan.FromSeconds(1);
    Console.WriteLine(ticking && survived ? "Both demos passed." : "A demo failed.");
    return ticking && survived ? 0 : 1;
});

static async Task LoadAsync(AsyncSession session, CancellationToken ct)
{
    await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS streaming WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", ct);
    await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS streaming.rows (id int PRIMARY KEY, payload text)", ct);
    await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS streaming.events (id int PRIMARY KEY, note text)", ct);
    RowSet count = await session.ExecuteAsync(new SimpleStatement("SELECT count(*) FROM streaming.rows") { Timeout = TimeSpan.FromMinutes(1) }, ct);
    if (count[0].Get<long>(0) >= Demos.Rows)
    {
        return;
    }

    Console.WriteLine($"Loading {Demos.Rows:N0} rows ...");
    PreparedStatement insert = await session.PrepareAsync("INSERT INTO streaming.rows (id, payload) VALUES (?, ?)", ct);
    string payload = new('p', 100);
    var inFlight = new List<Task>();
    for (int id = 0; id < Demos.Rows; id++)
    {
        inFlight.Add(session.ExecuteAsync(insert.Bind(id, payload), ct));
        if (inFlight.Count == 256)
        {
            await Task.WhenAll(inFlight);
            inFlight.Clear();
        }
    }

    await Task.WhenAll(inFlight);
}
