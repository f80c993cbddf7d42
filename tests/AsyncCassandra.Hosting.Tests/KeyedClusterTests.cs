using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncCassandra.Hosting.Tests;

public partial interface IReleaseRepository
{
    [CqlQuery("SELECT release_version FROM system.local")]
    Task<string?> ReleaseAsync(CancellationToken ct = default);
}

/// <summary>Two clusters in one application: named options and keyed sessions and repositories.</summary>
[Collection(SharedNodeCollection.Name)]
public sealed class KeyedClusterTests(SharedNodeFixture fixture)
{
    [Fact]
    public async Task Two_named_clusters_have_their_own_options_sessions_and_repositories()
    {
        Dictionary<string, string?> settings = fixture.Settings("Orders");
        foreach ((string key, string? value) in fixture.Settings("Analytics"))
        {
            settings[key] = value;
        }

        settings["Analytics:Keyspace"] = "system";
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddKeyedAsyncCassandra("orders", configuration.GetSection("Orders")).AddCassandraRepositories();
        services.AddKeyedAsyncCassandra("analytics", configuration.GetSection("Analytics")).AddCassandraRepositories();
        await using ServiceProvider provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<CassandraOptions>>();
        Assert.Equal(SharedNodeFixture.Keyspace, monitor.Get("orders").Keyspace);
        Assert.Equal("system", monitor.Get("analytics").Keyspace);
        Assert.Same(monitor.Get("orders"), provider.GetRequiredKeyedService<CassandraOptions>("orders"));

        AsyncSession orders = provider.GetRequiredKeyedService<AsyncSession>("orders");
        AsyncSession analytics = provider.GetRequiredKeyedService<AsyncSession>("analytics");
        Assert.NotSame(orders.Cluster, analytics.Cluster);
        Assert.Equal(SharedNodeFixture.Keyspace, orders.Keyspace);
        Assert.Equal("system", analytics.Keyspace);
        Assert.Null(provider.GetService<AsyncSession>());

        RowSet local = await analytics.ExecuteAsync("SELECT cluster_name FROM local");
        Assert.Single(local);
        IReleaseRepository ordersRepository = provider.GetRequiredKeyedService<IReleaseRepository>("orders");
        Assert.NotSame(ordersRepository, provider.GetRequiredKeyedService<IReleaseRepository>("analytics"));
        Assert.Matches(@"^\d+\.\d+", await ordersRepository.ReleaseAsync());
    }
}
