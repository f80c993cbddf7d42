using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// A node of a test's own (stopped, restarted or reconfigured by the test) on 127.0.0.N. With CASSANDRA_CONTACT_POINTS
/// set there is no local node to control, and such tests are reported as skipped, not passed.
/// </summary>
internal static class OwnNode
{
    public static async Task<CassandraTestCluster> StartAsync(int octet, ITestOutputHelper output, string purpose, Action<CassandraTestClusterOptions>? configure = null)
    {
        Skip.If(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }, $"CASSANDRA_CONTACT_POINTS is set: this test needs {purpose} of its own.");
        var options = new CassandraTestClusterOptions { FirstAddressOctet = octet, HeapMegabytes = 512, Log = output.WriteLine };
        configure?.Invoke(options);
        return await CassandraTestCluster.StartAsync(options);
    }

    /// <summary>Client options for the node, adjusted by the test.</summary>
    public static CassandraOptions ClientOptions(CassandraTestCluster node, Action<CassandraOptions>? configure = null)
    {
        var options = new CassandraOptions { Port = node.Port };
        options.ContactPoints.Add(node.ContactPoints[0]);
        configure?.Invoke(options);
        return options;
    }
}
