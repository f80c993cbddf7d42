using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;

namespace AsyncCassandra.Tests.Cluster;

/// <summary>
/// Requests that never get a reply keep their stream id (a late reply must not be taken for another request's), so a
/// node that drops replies would slowly take every id of a connection. Past CassandraOptions.MaxOrphanedRequestShare of
/// them the connection is replaced, as the Java driver does (max-orphan-requests), and counted.
/// </summary>
public sealed class OrphanedStreamTests
{
    [Fact]
    public async Task A_connection_whose_ids_are_held_by_unanswered_requests_is_replaced_and_counted()
    {
        await using var node = new ScriptedNode { Script = (_, cql) => cql?.Contains("silent", StringComparison.Ordinal) == true ? ScriptedReply.Silence : null };
        long replaced = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CassandraDiagnostics.MeterName && instrument.Name == "cassandra.client.connections.replaced")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref replaced, value));
        listener.Start();

        // Four ids per connection, at most one orphan (0.25 of 4): the second unanswered request replaces it.
        var options = new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" }, MaxRequestsPerConnection = 4, MaxOrphanedRequestShare = 0.25 };
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("SELECT v FROM ks.answered");
        int accepted = node.Accepted;

        // More unanswered requests than the connection has ids: without replacement the fifth finds every id taken.
        for (int i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => session.ExecuteAsync(new SimpleStatement("SELECT v FROM ks.silent") { Timeout = TimeSpan.FromMilliseconds(150) }));
        }

        RowSet answered = await session.ExecuteAsync("SELECT v FROM ks.answered");
        Assert.NotNull(answered);
        Assert.True(Interlocked.Read(ref replaced) >= 2, $"replaced {replaced} connection(s)");
        Assert.True(node.Accepted >= accepted + 2, "no new connection was opened");
        Assert.All(session.OpenConnections(), c => Assert.True(c.Orphaned <= 1, $"{c.Orphaned} orphans on an open connection"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    public void MaxOrphanedRequestShare_outside_0_to_1_is_reported_naming_the_configuration_key(string share)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cassandra:ContactPoints:0"] = "127.0.0.1",
            ["Cassandra:MaxOrphanedRequestShare"] = share,
        }).Build();
        var options = new CassandraOptions();
        CassandraConfigurationBinder.Apply(configuration.GetSection("Cassandra"), options);
        Assert.Equal(double.Parse(share, System.Globalization.CultureInfo.InvariantCulture), options.MaxOrphanedRequestShare);
        var result = new CassandraOptionsValidator(Microsoft.Extensions.Options.Options.DefaultName, "Cassandra").Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Cassandra:MaxOrphanedRequestShare", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxOrphanedRequestShare_binds_from_configuration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MaxOrphanedRequestShare"] = "0.5" }).Build();
        var options = new CassandraOptions();
        CassandraConfigurationBinder.Apply(configuration, options);
        Assert.Equal(0.5, options.MaxOrphanedRequestShare);
        Assert.Equal(0.25, new CassandraOptions().MaxOrphanedRequestShare);
    }
}
