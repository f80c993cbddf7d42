using AsyncCassandra.Soak;

namespace AsyncCassandra.IntegrationTests.Faults;

/// <summary>
/// The soak tool's short mode (benchmarks/AsyncCassandra.Soak, 30 s on a 3-node cluster of its own at 127.0.0.93-95,
/// a node stopped and started during it): it must stay within its memory bound, meet no unexpected error and leave the
/// runtime's counters idle. The long mode is run by hand (docs/testing.md).
/// </summary>
[Collection("soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_short_soak_stays_within_its_memory_bound_while_a_node_is_stopped_and_started()
    {
        Skip.If(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }, "CASSANDRA_CONTACT_POINTS is set: the soak needs a 3-node cluster of its own.");
        var options = new SoakOptions
        {
            Duration = TimeSpan.FromSeconds(30),
            Workers = 16,
            FirstAddressOctet = 93,
            Log = line =>
            {
                lock (output)
                {
                    output.WriteLine(line);
                }
            },
        };

        SoakResult result = await SoakRunner.RunAsync(options);
        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.True(result.Succeeded > 1000, $"only {result.Succeeded} operations succeeded");
        Assert.Equal(3, result.Memory.Count);
        Assert.True(result.OperationsByKind.Count == 4, "every kind of operation ran");
    }
}
