namespace AsyncCassandra.IntegrationTests;

/// <summary>Shows, in the test output, which real Cassandra the integration tests ran against.</summary>
[Collection(NodeCollection.Name)]
public sealed class RealNodeTests(NodeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_integration_tests_run_against_a_real_Apache_Cassandra_node()
    {
        Row local = Assert.Single(await fixture.Session.ExecuteAsync("SELECT release_version, cluster_name, data_center, native_protocol_version FROM system.local"));
        string version = local.Get<string>("release_version");
        output.WriteLine($"Apache Cassandra {version}, cluster '{local.Get<string>("cluster_name")}', data centre {local.Get<string>("data_center")}, " +
                         $"server protocol v{local.Get<string>("native_protocol_version")}, negotiated v{fixture.Cluster.ProtocolVersion}, " +
                         $"nodes {string.Join(", ", fixture.Cluster.Nodes)} (external: {fixture.Node.IsExternal})");
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.InRange(fixture.Cluster.ProtocolVersion, 3, 5);
    }
}
