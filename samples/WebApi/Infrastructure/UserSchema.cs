using AsyncCassandra;
using Microsoft.Extensions.Options;

namespace WebApi.Infrastructure;

/// <summary>
/// Creates the configured keyspace (SimpleStrategy, <c>Schema:ReplicationFactor</c>, default 1) and the tables of
/// schema.cql in it before the app serves requests; both are no-ops when they exist.
/// </summary>
public static class UserSchema
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        CassandraOptions options = services.GetRequiredService<IOptions<CassandraOptions>>().Value;
        string keyspace = options.Keyspace ?? throw new InvalidOperationException("Set Cassandra:Keyspace: the app's tables live in it.");
        int replication = services.GetRequiredService<IConfiguration>().GetValue("Schema:ReplicationFactor", 1);
        AsyncCluster cluster = services.GetRequiredService<AsyncCluster>();
        await using (AsyncSession setup = await cluster.ConnectAsync((string?)null, ct))
        {
            await setup.ExecuteAsync($"CREATE KEYSPACE IF NOT EXISTS \"{keyspace}\" WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': {replication}}}", ct);
        }

        await using AsyncSession session = await cluster.ConnectAsync(keyspace, ct);
        foreach (string statement in Statements(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "schema.cql"), ct)))
        {
            await session.ExecuteAsync(new SimpleStatement(statement) { Timeout = TimeSpan.FromMinutes(1) }, ct);
        }
    }

    private static IEnumerable<string> Statements(string cql) =>
        string.Join('\n', cql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
