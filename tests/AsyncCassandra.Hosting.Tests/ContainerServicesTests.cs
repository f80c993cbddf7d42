using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>Issue 12 item 4: under AddAsyncCassandra the client logs through the container's ILoggerFactory.</summary>
[Collection(SharedNodeCollection.Name)]
public sealed class ContainerServicesTests(SharedNodeFixture fixture)
{
    [Fact]
    public async Task The_client_logs_through_the_containers_logger_factory_when_the_options_set_none()
    {
        var capture = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        services.AddAsyncCassandra(new ConfigurationBuilder().AddInMemoryCollection(fixture.Settings()).Build().GetSection("Cassandra"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        AsyncSession session = provider.GetRequiredService<AsyncSession>();
        await session.ExecuteAsync("SELECT release_version FROM system.local");

        Assert.Contains(capture.Records, r => r.Category.StartsWith("AsyncCassandra", StringComparison.Ordinal) && r.Message.Contains("native protocol", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_logger_factory_set_in_the_options_wins_over_the_containers()
    {
        var container = new LogCapture();
        var own = new LogCapture();
        using var ownFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(own));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(container));
        services.AddAsyncCassandra(new ConfigurationBuilder().AddInMemoryCollection(fixture.Settings()).Build().GetSection("Cassandra"), o => o.LoggerFactory = ownFactory);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<AsyncSession>().ExecuteAsync("SELECT release_version FROM system.local");

        Assert.Contains(own.Records, r => r.Category.StartsWith("AsyncCassandra", StringComparison.Ordinal));
        Assert.DoesNotContain(container.Records, r => r.Category.StartsWith("AsyncCassandra", StringComparison.Ordinal));
    }

    [Fact]
    public void Policies_registered_in_the_container_fill_what_the_options_leave_unset()
    {
        var speculation = new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(40), 1);
        var services = new ServiceCollection();
        services.AddSingleton<IRetryPolicy>(new NeverRetry());
        services.AddSingleton<ISpeculativeExecutionPolicy>(speculation);
        services.AddAsyncCassandra(o => o.ContactPoints.Add("127.0.0.1"));
        using ServiceProvider provider = services.BuildServiceProvider();

        CassandraOptions options = provider.GetRequiredService<CassandraOptions>();
        Assert.IsType<NeverRetry>(options.RetryPolicy);
        Assert.Same(speculation, options.SpeculativeExecutionPolicy);

        var explicitServices = new ServiceCollection();
        explicitServices.AddSingleton<IRetryPolicy>(new NeverRetry());
        explicitServices.AddAsyncCassandra(o =>
        {
            o.ContactPoints.Add("127.0.0.1");
            o.RetryPolicy = new NeverRetry();
        });
        using ServiceProvider explicitProvider = explicitServices.BuildServiceProvider();
        Assert.NotSame(explicitProvider.GetRequiredService<IRetryPolicy>(), explicitProvider.GetRequiredService<CassandraOptions>().RetryPolicy);
    }

    private sealed class NeverRetry : IRetryPolicy
    {
        public RetryDecision Decide(in RetryContext context) => RetryDecision.Rethrow;
    }
}
