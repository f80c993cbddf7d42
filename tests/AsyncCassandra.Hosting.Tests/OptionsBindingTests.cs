using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>
/// Options come from configuration through Microsoft.Extensions.Options (bound by the binder's source generator; the
/// runtime's trimming and AOT analyzers would fail its build on the reflection binder), and are validated when the host
/// starts, every message naming its key.
/// </summary>
public sealed class OptionsBindingTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void Every_key_of_the_section_reaches_IOptions()
    {
        var services = new ServiceCollection();
        services.AddAsyncCassandra(Configuration(new()
        {
            ["Cassandra:ContactPoints:0"] = "10.1.0.1",
            ["Cassandra:ContactPoints:1"] = "10.1.0.2:9043",
            ["Cassandra:Port"] = "9142",
            ["Cassandra:Keyspace"] = "shop",
            ["Cassandra:LocalDatacenter"] = "eu-west",
            ["Cassandra:Credentials:Username"] = "app",
            ["Cassandra:Credentials:Password"] = "secret",
            ["Cassandra:ProtocolVersion"] = "4",
            ["Cassandra:MinimumProtocolVersion"] = "4",
            ["Cassandra:RequestTimeout"] = "00:00:07",
            ["Cassandra:ConnectTimeout"] = "1500",
            ["Cassandra:HeartbeatInterval"] = "00:01:00",
            ["Cassandra:ReconnectBaseDelay"] = "250",
            ["Cassandra:ReconnectMaxDelay"] = "00:00:30",
            ["Cassandra:ConnectionsPerHost"] = "2",
            ["Cassandra:MaxRequestsPerConnection"] = "1024",
            ["Cassandra:MaxConcurrentRequests"] = "500",
            ["Cassandra:MaxQueuedRequests"] = "2000",
            ["Cassandra:DefaultPageSize"] = "200",
            ["Cassandra:TokenAwareRouting"] = "false",
            ["Cassandra:DedicatedIoThreads"] = "false",
            ["Cassandra:Compression"] = "lz4",
            ["Cassandra:DefaultConsistency"] = "LOCAL_QUORUM",
            ["Cassandra:DefaultSerialConsistency"] = "LocalSerial",
            ["Cassandra:SpeculativeExecutionDelay"] = "80",
            ["Cassandra:MaxSpeculativeExecutions"] = "2",
            ["Cassandra:ConnectOnStart"] = "false",
            ["Cassandra:StartupTimeout"] = "00:02:00",
            ["Cassandra:StartupRetryDelay"] = "500",
            ["Cassandra:DrainTimeout"] = "00:00:05",
            ["Cassandra:HostProbeInterval"] = "00:00:15",
            ["Cassandra:StatisticsWindow"] = "30000",
        }).GetSection("Cassandra"));
        using ServiceProvider provider = services.BuildServiceProvider();

        CassandraOptions o = provider.GetRequiredService<IOptions<CassandraOptions>>().Value;
        Assert.Same(o, provider.GetRequiredService<CassandraOptions>());
        Assert.Equal(["10.1.0.1", "10.1.0.2:9043"], o.ContactPoints);
        Assert.Equal(9142, o.Port);
        Assert.Equal("shop", o.Keyspace);
        Assert.Equal("eu-west", o.LocalDatacenter);
        Assert.Equal("app", o.Credentials?.Username);
        Assert.Equal(4, o.ProtocolVersion);
        Assert.Equal(4, o.MinimumProtocolVersion);
        Assert.Equal(TimeSpan.FromSeconds(7), o.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), o.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), o.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), o.ReconnectBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), o.ReconnectMaxDelay);
        Assert.Equal(2, o.ConnectionsPerHost);
        Assert.Equal(1024, o.MaxRequestsPerConnection);
        Assert.Equal(500, o.MaxConcurrentRequests);
        Assert.Equal(2000, o.MaxQueuedRequests);
        Assert.Equal(200, o.DefaultPageSize);
        Assert.False(o.TokenAwareRouting);
        Assert.False(o.DedicatedIoThreads);
        Assert.Equal(CompressionAlgorithm.Lz4, o.Compression);
        Assert.Equal(ConsistencyLevel.LocalQuorum, o.DefaultConsistency);
        Assert.Equal(ConsistencyLevel.LocalSerial, o.DefaultSerialConsistency);
        var speculation = Assert.IsType<ConstantSpeculativeExecutionPolicy>(o.SpeculativeExecutionPolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(80), speculation.Delay);
        Assert.Equal(2, speculation.MaxSpeculativeExecutions);
        Assert.Equal(TimeSpan.FromSeconds(15), o.HostProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), o.StatisticsWindow);

        CassandraHostingOptions hosting = provider.GetRequiredService<IOptions<CassandraHostingOptions>>().Value;
        Assert.False(hosting.ConnectOnStart);
        Assert.Equal(TimeSpan.FromMinutes(2), hosting.StartupTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), hosting.StartupRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), hosting.DrainTimeout);
    }

    [Fact]
    public void Contact_points_may_be_one_comma_separated_value_and_the_callback_runs_after_the_section()
    {
        var services = new ServiceCollection();
        services.AddAsyncCassandra(
            Configuration(new() { ["ContactPoints"] = "10.0.0.1, 10.0.0.2", ["Keyspace"] = "from_config" }),
            o => o.Keyspace = "from_callback");
        using ServiceProvider provider = services.BuildServiceProvider();

        CassandraOptions o = provider.GetRequiredService<IOptions<CassandraOptions>>().Value;
        Assert.Equal(["10.0.0.1", "10.0.0.2"], o.ContactPoints);
        Assert.Equal("from_callback", o.Keyspace);
    }

    [Fact]
    public async Task ValidateOnStart_stops_the_host_before_it_connects_and_names_every_bad_key()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cassandra:ContactPoints:0"] = "127.0.0.1",
            ["Cassandra:RequestTimeout"] = "soon",
            ["Cassandra:DefaultConsistency"] = "MOST",
            ["Cassandra:MaxRequestsPerConnection"] = "0",
            ["Cassandra:DrainTimeout"] = "-00:00:05",
        });
        builder.Services.AddAsyncCassandra(builder.Configuration.GetSection("Cassandra"));
        using IHost host = builder.Build();

        // One OptionsValidationException per options type that failed (CassandraOptions, CassandraHostingOptions).
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        IEnumerable<Exception> errors = error is AggregateException aggregate ? aggregate.InnerExceptions : [error];
        Assert.All(errors, e => Assert.IsType<OptionsValidationException>(e));
        string all = string.Join("\n", errors.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Cassandra:RequestTimeout is 'soon'", all, StringComparison.Ordinal);
        Assert.Contains("Cassandra:DefaultConsistency is 'MOST'", all, StringComparison.Ordinal);
        Assert.Contains("Cassandra:MaxRequestsPerConnection", all, StringComparison.Ordinal);
        Assert.Contains("Cassandra:DrainTimeout must not be negative", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Port", "lots", "'Cassandra:Port'")]
    [InlineData("TokenAwareRouting", "maybe", "'Cassandra:TokenAwareRouting'")]
    [InlineData("DedicatedIoThreads", "maybe", "'Cassandra:DedicatedIoThreads'")]
    [InlineData("Keyspce", "shop", "Cassandra:Keyspce: unknown key")]
    [InlineData("ContactPoints", "127.0.0.1:http", "Cassandra:ContactPoints")]
    [InlineData("ProtocolVersion", "7", "Cassandra:ProtocolVersion")]
    [InlineData("HostProbeInterval", "-00:00:01", "Cassandra:HostProbeInterval")]
    [InlineData("StatisticsWindow", "0", "Cassandra:StatisticsWindow")]
    public void A_bad_value_or_a_misspelt_key_is_named(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Cassandra:" + key] = value };
        if (key != "ContactPoints")
        {
            settings["Cassandra:ContactPoints"] = "127.0.0.1";
        }

        var services = new ServiceCollection();
        services.AddAsyncCassandra(Configuration(settings).GetSection("Cassandra"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<AsyncCluster>());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_the_same_cluster_twice_is_refused_clearly()
    {
        var services = new ServiceCollection();
        services.AddAsyncCassandra(o => o.ContactPoints.Add("127.0.0.1"));
        var error = Assert.Throws<InvalidOperationException>(() => services.AddAsyncCassandra(o => o.ContactPoints.Add("127.0.0.2")));
        Assert.Contains("AddKeyedAsyncCassandra", error.Message, StringComparison.Ordinal);

        services.AddKeyedAsyncCassandra("analytics", o => o.ContactPoints.Add("127.0.0.3"));
        Assert.Throws<InvalidOperationException>(() => services.AddKeyedAsyncCassandra("analytics", o => o.ContactPoints.Add("127.0.0.3")));
    }
}
