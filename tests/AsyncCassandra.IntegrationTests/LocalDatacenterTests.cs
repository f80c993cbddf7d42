using Microsoft.Extensions.Logging;

namespace AsyncCassandra.IntegrationTests;

/// <summary>A LocalDatacenter that no node is in ("dc1" against "datacenter1") is reported at connect, not accepted silently.</summary>
[Collection(NodeCollection.Name)]
public sealed class LocalDatacenterTests(NodeFixture fixture)
{
    [Fact]
    public async Task A_local_datacenter_no_node_is_in_logs_a_warning_naming_the_datacenters_that_exist()
    {
        using var logs = new RecordingLoggerFactory();
        CassandraOptions options = fixture.NewOptions();
        options.LocalDatacenter = "dc1";
        options.LoggerFactory = logs;
        string actual = await ActualDatacenterAsync();

        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();

        LogRecord warning = Assert.Single(logs.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("LocalDatacenter", StringComparison.Ordinal));
        Assert.Contains("'dc1'", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"'{actual}'", warning.Message, StringComparison.Ordinal);
        Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
    }

    [Fact]
    public async Task Under_strict_local_datacenter_connecting_fails_naming_the_datacenters_that_exist()
    {
        CassandraOptions options = fixture.NewOptions();
        options.LocalDatacenter = "dc1";
        options.StrictLocalDatacenter = true;
        string actual = await ActualDatacenterAsync();

        await using var cluster = new AsyncCluster(options);
        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());

        Assert.Contains("'dc1'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{actual}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_local_datacenter_connects_without_a_warning()
    {
        using var logs = new RecordingLoggerFactory();
        CassandraOptions options = fixture.NewOptions();
        options.LocalDatacenter = await ActualDatacenterAsync();
        options.StrictLocalDatacenter = true;
        options.LoggerFactory = logs;

        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();

        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Warning);
    }

    private async Task<string> ActualDatacenterAsync() =>
        (await fixture.Session.ExecuteAsync("SELECT data_center FROM system.local"))[0].Get<string>(0);
}
