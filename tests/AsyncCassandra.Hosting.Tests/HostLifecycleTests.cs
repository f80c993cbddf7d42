using System.Diagnostics;
using AsyncCassandra.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>
/// The hosted lifecycle on a real node: the session connects while the host starts (failing fast, or waiting when
/// configured), and on shutdown refuses new requests while the ones in flight complete.
/// </summary>
public sealed class HostLifecycleTests(OwnNodeFixture own, ITestOutputHelper output) : IClassFixture<OwnNodeFixture>
{
    private static IHost BuildHost(Dictionary<string, string?> settings, LogCapture? logs = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        builder.Services.AddAsyncCassandra(builder.Configuration.GetSection("Cassandra"));
        return builder.Build();
    }

    private static Dictionary<string, string?> Settings(string contactPoint, int port = 9042) => new()
    {
        ["Cassandra:ContactPoints"] = contactPoint,
        ["Cassandra:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cassandra:ConnectTimeout"] = "2000",
        ["Cassandra:RequestTimeout"] = "00:00:30",
    };

    [Fact]
    public async Task Start_fails_fast_naming_the_contact_point_when_no_node_answers()
    {
        using IHost host = BuildHost(Settings("127.0.0.252"));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => host.StartAsync());

        output.WriteLine($"failed after {watch.Elapsed.TotalSeconds:0.0} s: {error.Message}");
        Assert.Contains("could not connect at start-up to 127.0.0.252", error.Message, StringComparison.Ordinal);
        Assert.Contains("StartupTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public async Task Start_waits_for_the_cluster_when_a_startup_timeout_is_set()
    {
        Skip.If(OwnNodeFixture.Unavailable, "CASSANDRA_CONTACT_POINTS is set: this test needs a node of its own to start late.");
        await own.StoppedAsync();
        Dictionary<string, string?> settings = Settings(OwnNodeFixture.Address);
        settings["Cassandra:StartupTimeout"] = "00:03:00";
        settings["Cassandra:StartupRetryDelay"] = "500";
        var logs = new LogCapture();
        using IHost host = BuildHost(settings, logs);

        Task starting = host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(starting.IsCompleted, "the host started although no node answered");
        await own.StartedAsync();
        await starting.WaitAsync(TimeSpan.FromMinutes(2));

        RowSet rows = await host.Services.GetRequiredService<AsyncSession>().ExecuteAsync("SELECT release_version FROM system.local");
        Assert.Single(rows);
        Assert.Contains(logs.Records, r => r.EventId.Id == 1002 && r.Level == LogLevel.Warning);
        Assert.Contains(logs.Records, r => r.EventId.Id == 1001);
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task A_request_in_flight_when_the_host_stops_completes_while_new_requests_are_refused()
    {
        Skip.If(OwnNodeFixture.Unavailable, "CASSANDRA_CONTACT_POINTS is set: this test needs a node of its own to freeze.");
        CassandraTestCluster node = await own.StartedAsync();
        var logs = new LogCapture();
        using IHost host = BuildHost(Settings(OwnNodeFixture.Address), logs);
        await host.StartAsync();
        AsyncSession session = host.Services.GetRequiredService<AsyncSession>();
        Assert.NotEmpty(session.Cluster.Nodes);

        Task<RowSet> inFlight;
        Task stopping;
        node.PauseNode(0);
        try
        {
            inFlight = session.ExecuteAsync("SELECT release_version FROM system.local");
            await Task.Delay(200);
            Assert.False(inFlight.IsCompleted);
            stopping = host.StopAsync();

            ObjectDisposedException refused = await RefusedAsync(session);
            Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
            await Task.Delay(500);
            Assert.False(stopping.IsCompleted, "the host stopped while a request was in flight");
            Assert.False(inFlight.IsCompleted);
        }
        finally
        {
            node.ResumeNode(0);
        }

        RowSet rows = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(rows);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(logs.Records, r => r.EventId.Id == 1005);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync("SELECT release_version FROM system.local"));
    }

    /// <summary>The refusal that shows the drain began (the host's stop runs on another task).</summary>
    private static async Task<ObjectDisposedException> RefusedAsync(AsyncSession session)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                _ = session.ExecuteAsync("SELECT release_version FROM system.local");
            }
            catch (ObjectDisposedException refused)
            {
                return refused;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("new requests were still accepted 20 s after the host began to stop");
    }
}
