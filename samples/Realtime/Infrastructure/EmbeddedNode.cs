using AsyncCassandra.Testing;

namespace Realtime.Infrastructure;

/// <summary>
/// Where the cluster is: <c>Cassandra:ContactPoints</c> in configuration, else <c>CASSANDRA_CONTACT_POINTS</c> (and
/// <c>CASSANDRA_PORT</c>), else an embedded Apache Cassandra node on 127.0.0.1 started for the app (the first run
/// downloads it from npm; it needs Java 17+), so <c>dotnet run --project samples/Realtime</c> works on a fresh machine.
/// </summary>
public static class EmbeddedNode
{
    public static async Task<CassandraTestCluster?> StartIfNeededAsync(ConfigurationManager configuration, CancellationToken ct)
    {
        if (configuration.GetSection("Cassandra:ContactPoints").Exists())
        {
            return null;
        }

        var settings = new Dictionary<string, string?>();
        CassandraTestCluster? node = null;
        if (Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 } points)
        {
            settings["Cassandra:ContactPoints"] = points;
            if (Environment.GetEnvironmentVariable("CASSANDRA_PORT") is { Length: > 0 } port)
            {
                settings["Cassandra:Port"] = port;
            }
        }
        else
        {
            Console.WriteLine("No Cassandra:ContactPoints and no CASSANDRA_CONTACT_POINTS: starting an embedded Apache Cassandra 2.1 node on 127.0.0.1 (the first run downloads it from npm)...");
            node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.WriteLine("  [node] " + line) }, ct);
            settings["Cassandra:ContactPoints"] = string.Join(',', node.ContactPoints);
            settings["Cassandra:Port"] = node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        configuration.AddInMemoryCollection(settings);
        return node;
    }
}
