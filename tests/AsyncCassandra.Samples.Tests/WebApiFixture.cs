using System.Net.Http.Json;
using System.Text.Json;
using AsyncCassandra.Testing;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// The WebApi sample running as its own process against the shared real node, in a keyspace of its own whose users
/// table holds <see cref="SeededUsers"/> rows written here (a service's table is written by many; the tests only
/// need it big).
/// </summary>
public sealed class WebApiFixture : IAsyncLifetime
{
    public const string Keyspace = "webapi_e2e";
    public const int SeededUsers = 100_000;

    /// <summary>The page-token key the sample is given, so tests can mint a token the way the service would.</summary>
    public static readonly byte[] TokenKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    private CassandraTestCluster? _node;
    private AsyncCluster? _cluster;

    public SampleProcess Sample { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>A session in the sample's keyspace, for seeding and checking what the API wrote.</summary>
    public AsyncSession Session { get; private set; } = null!;

    public IReadOnlyList<Guid> SeededIds { get; private set; } = [];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        _node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("[test-node] " + line) });
        Sample = await SampleProcess.StartAsync("WebApi", new Dictionary<string, string>
        {
            ["CASSANDRA_CONTACT_POINTS"] = string.Join(',', _node.ContactPoints),
            ["CASSANDRA_PORT"] = _node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cassandra__Keyspace"] = Keyspace,
            ["Paging__TokenKey"] = Convert.ToBase64String(TokenKey),
        });
        Http = new HttpClient { BaseAddress = Sample.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        var options = new CassandraOptions { Port = _node.Port, Keyspace = Keyspace, RequestTimeout = TimeSpan.FromMinutes(1) };
        foreach (string point in _node.ContactPoints)
        {
            options.ContactPoints.Add(point);
        }

        _cluster = new AsyncCluster(options);
        Session = await _cluster.ConnectAsync();
        await Session.ExecuteAsync("TRUNCATE users");
        SeededIds = await SeedAsync(Session);
    }

    private static async Task<IReadOnlyList<Guid>> SeedAsync(AsyncSession session)
    {
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO users (id, name, email, created_at) VALUES (?, ?, ?, ?)");
        Guid[] ids = [.. Enumerable.Range(0, SeededUsers).Select(_ => Guid.NewGuid())];
        DateTimeOffset created = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Parallel.ForEachAsync(Enumerable.Range(0, SeededUsers / 50), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
        {
            var batch = new BatchStatement(BatchType.Unlogged);
            for (int i = chunk * 50; i < (chunk + 1) * 50; i++)
            {
                batch.Add(insert.Bind(ids[i], $"User {i:D6}", $"user{i:D6}@example.com", created));
            }

            await session.ExecuteAsync(batch, ct);
        });
        return ids;
    }

    /// <summary>Creates a user through the API and returns its JSON body.</summary>
    public async Task<JsonElement> CreateUserAsync(string name, string? email)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("/users", new { name, email });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Sample is not null)
        {
            await Sample.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebApiCollection : ICollectionFixture<WebApiFixture>
{
    public const string Name = "webapi";
}
