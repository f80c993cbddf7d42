using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AsyncCassandra.Testing;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// <c>/health/ready</c> follows the cluster: the WebApi sample runs against a node of its own on 127.0.0.31
/// (docs/testing.md), which the test stops and starts again.
/// </summary>
public sealed class WebApiReadinessTests(ITestOutputHelper output)
{
    private const int Octet = 31;

    [SkippableFact]
    public async Task Readiness_turns_unhealthy_when_the_node_stops_and_healthy_when_it_returns()
    {
        Skip.If(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }, "CASSANDRA_CONTACT_POINTS is set: this test needs a node of its own to stop.");
        await using CassandraTestCluster node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { FirstAddressOctet = Octet, HeapMegabytes = 512, Log = output.WriteLine });
        await using SampleProcess sample = await SampleProcess.StartAsync("WebApi", new Dictionary<string, string>
        {
            ["CASSANDRA_CONTACT_POINTS"] = node.ContactPoints[0],
            ["Cassandra__Keyspace"] = "webapi_ready",
        });
        using var http = new HttpClient { BaseAddress = sample.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);

        await node.StopNodeAsync(0);
        TimeSpan down = await UntilAsync(http, HttpStatusCode.ServiceUnavailable, "Unhealthy", TimeSpan.FromSeconds(60));
        output.WriteLine($"/health/ready turned Unhealthy {down.TotalSeconds:0.00} s after the node stopped");

        using HttpResponseMessage failing = await http.GetAsync($"/users/{Guid.NewGuid()}");
        string problem = await failing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal("application/problem+json", failing.Content.Headers.ContentType?.MediaType);
        Assert.True(failing.Headers.RetryAfter is not null);
        Assert.DoesNotContain(" at ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);
        using HttpResponseMessage live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        await node.StartNodeAsync(0);
        TimeSpan up = await UntilAsync(http, HttpStatusCode.OK, "Healthy", TimeSpan.FromSeconds(120));
        output.WriteLine($"/health/ready turned Healthy {up.TotalSeconds:0.00} s after the node answered again");
        using HttpResponseMessage served = await http.GetAsync($"/users/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Health)> ReadyAsync(HttpClient http)
    {
        using HttpResponseMessage response = await http.GetAsync("/health/ready");
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString()!);
    }

    /// <summary>Polls readiness every 100 ms until it reports <paramref name="health"/>; returns how long that took.</summary>
    private static async Task<TimeSpan> UntilAsync(HttpClient http, HttpStatusCode status, string health, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        (HttpStatusCode Status, string Health) last = default;
        while (watch.Elapsed < limit)
        {
            last = await ReadyAsync(http);
            if (last.Status == status && last.Health == health)
            {
                return watch.Elapsed;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"/health/ready was still {(int)last.Status} {last.Health} after {limit.TotalSeconds} s; expected {(int)status} {health}");
    }
}
