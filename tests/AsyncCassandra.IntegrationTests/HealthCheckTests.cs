using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AsyncCassandra.IntegrationTests;

[Collection(NodeCollection.Name)]
public sealed class HealthCheckTests(NodeFixture fixture)
{
    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration("cassandra", check, HealthStatus.Unhealthy, null) };

    [Fact]
    public async Task A_reachable_node_is_healthy_and_reports_its_version_and_latency()
    {
        var check = new CassandraHealthCheck(fixture.Session);
        HealthCheckResult result = await check.CheckHealthAsync(Context(check));
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Matches(@"^\d+\.\d+", (string)result.Data["release_version"]);
        Assert.Equal(1, result.Data["nodes_up"]);
        Assert.Contains("answered in", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_unhealthy_with_the_reason_not_an_exception()
    {
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { "127.0.0.250" }, ConnectTimeout = TimeSpan.FromSeconds(1) });
        var check = new CassandraHealthCheck(cluster.CreateSession());
        HealthCheckResult result = await check.CheckHealthAsync(Context(check));
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsType<NoHostAvailableException>(result.Exception);
        Assert.Contains("127.0.0.250", result.Description, StringComparison.Ordinal);
    }
}
