using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AsyncCassandra.Tests.Monitoring;

/// <summary>
/// The health check reports, it does not throw: a disposed session or cluster, a cancelled check and a check run
/// without a registration (called directly) all give a failure status with the reason. No node is needed: nothing
/// listens on the contact point.
/// </summary>
public sealed class HealthCheckNeverThrowsTests
{
    private static CassandraOptions Nowhere() => new() { ContactPoints = { "127.0.0.1:1" }, ConnectTimeout = TimeSpan.FromMilliseconds(500) };

    private static HealthCheckContext Context(IHealthCheck check, HealthStatus failure = HealthStatus.Unhealthy) =>
        new() { Registration = new HealthCheckRegistration("cassandra", check, failure, null) };

    [Fact]
    public async Task A_disposed_session_is_the_failure_status_not_an_ObjectDisposedException()
    {
        await using var cluster = new AsyncCluster(Nowhere());
        AsyncSession session = cluster.CreateSession();
        await session.DisposeAsync();
        var check = new CassandraHealthCheck(session);

        HealthCheckResult result = await check.CheckHealthAsync(Context(check, HealthStatus.Degraded));

        Assert.Equal(HealthStatus.Degraded, result.Status); // the registration's failure status
        Assert.IsType<ObjectDisposedException>(result.Exception);
        Assert.Contains("disposed", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_cluster_is_unhealthy_not_an_exception()
    {
        var cluster = new AsyncCluster(Nowhere());
        AsyncSession session = cluster.CreateSession();
        await cluster.DisposeAsync();
        var check = new CassandraHealthCheck(session);

        HealthCheckResult result = await check.CheckHealthAsync(Context(check));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsType<ObjectDisposedException>(result.Exception);
    }

    [Fact]
    public async Task A_cancelled_check_is_unhealthy_not_an_OperationCanceledException()
    {
        await using var cluster = new AsyncCluster(Nowhere());
        var check = new CassandraHealthCheck(cluster.CreateSession());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        HealthCheckResult result = await check.CheckHealthAsync(Context(check), cancelled.Token);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsAssignableFrom<OperationCanceledException>(result.Exception);
        Assert.Contains("cancelled", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_without_a_registration_reports_unhealthy_when_no_node_answers()
    {
        await using var cluster = new AsyncCluster(Nowhere());
        var check = new CassandraHealthCheck(cluster.CreateSession());

        HealthCheckResult result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsType<NoHostAvailableException>(result.Exception);
    }
}
