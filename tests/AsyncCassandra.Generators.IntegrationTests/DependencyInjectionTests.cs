using AsyncCassandra.Generators.IntegrationTests.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>AddAsyncCassandra(configuration).AddCassandraRepositories() resolves working repositories.</summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class DependencyInjectionTests(GeneratedNodeFixture fixture)
{
    [Fact]
    public async Task Configuration_section_and_generated_registrations()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cassandra:ContactPoints"] = string.Join(", ", fixture.Node.ContactPoints),
            ["Cassandra:Port"] = fixture.Node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cassandra:Keyspace"] = GeneratedNodeFixture.Keyspace,
            ["Cassandra:RequestTimeout"] = "00:00:30",
            ["Cassandra:DefaultConsistency"] = "LocalOne",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAsyncCassandra(configuration.GetSection("Cassandra")).AddCassandraRepositories();

        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<CassandraOptions>();
        var users = provider.GetRequiredService<IUserRepository>();
        var events = provider.GetRequiredService<IEventRepository>();

        Assert.Equal(fixture.Node.ContactPoints, options.ContactPoints);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Same(users, provider.GetRequiredService<IUserRepository>());
        Assert.Same(provider.GetRequiredService<AsyncSession>(), provider.GetRequiredService<AsyncSession>());
        var user = new User(Guid.NewGuid(), "di", null, DateTimeOffset.UnixEpoch);
        await users.InsertAsync(user);
        Assert.Equal(user, await users.GetAsync(user.Id));
        Assert.True(await events.CountAsync("nobody") == 0);
    }

    [Fact]
    public async Task Options_callback_and_array_contact_points()
    {
        var settings = new Dictionary<string, string?> { ["Port"] = fixture.Node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (int i = 0; i < fixture.Node.ContactPoints.Count; i++)
        {
            settings[$"ContactPoints:{i}"] = fixture.Node.ContactPoints[i];
        }

        var fromArray = new ServiceCollection();
        fromArray.AddAsyncCassandra(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), o => o.Keyspace = GeneratedNodeFixture.Keyspace);
        await using (var provider = fromArray.BuildServiceProvider())
        {
            Assert.Equal(fixture.Node.ContactPoints, provider.GetRequiredService<CassandraOptions>().ContactPoints);
            Assert.Equal(GeneratedNodeFixture.Keyspace, provider.GetRequiredService<CassandraOptions>().Keyspace);
        }

        var services = new ServiceCollection();
        services.AddAsyncCassandra(o =>
        {
            foreach (string point in fixture.Node.ContactPoints)
            {
                o.ContactPoints.Add(point);
            }

            o.Port = fixture.Node.Port;
            o.Keyspace = GeneratedNodeFixture.Keyspace;
        }).AddCassandraRepositories();

        await using var callbackProvider = services.BuildServiceProvider();
        var repository = callbackProvider.GetRequiredService<IAllTypesRepository>();
        Assert.Null(await repository.GetViewsAsync("never-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public void Bad_configuration_names_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cassandra:Port"] = "lots" }).Build();
        var services = new ServiceCollection();
        services.AddAsyncCassandra(configuration.GetSection("Cassandra"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<CassandraOptions>());
        Assert.Contains("Cassandra:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routing_and_speculation_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cassandra:ContactPoints"] = "10.0.0.1",
            ["Cassandra:TokenAwareRouting"] = "false",
            ["Cassandra:SpeculativeExecutionDelay"] = "75",
            ["Cassandra:MaxSpeculativeExecutions"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsyncCassandra(configuration.GetSection("Cassandra"));
        using var provider = services.BuildServiceProvider();

        CassandraOptions options = provider.GetRequiredService<CassandraOptions>();
        Assert.False(options.TokenAwareRouting);
        var policy = Assert.IsType<ConstantSpeculativeExecutionPolicy>(options.SpeculativeExecutionPolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(75), policy.Delay);
        Assert.Equal(2, policy.MaxSpeculativeExecutions);
        Assert.True(new CassandraOptions().TokenAwareRouting);
        Assert.Null(new CassandraOptions().SpeculativeExecutionPolicy);
    }

    [Theory]
    [InlineData("TokenAwareRouting", "maybe", "Cassandra:TokenAwareRouting")]
    [InlineData("SpeculativeExecutionDelay", "0", "Cassandra:SpeculativeExecutionDelay")]
    [InlineData("MaxSpeculativeExecutions", "0", "Cassandra:MaxSpeculativeExecutions")]
    public void Bad_routing_or_speculation_values_name_the_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Cassandra:" + key] = value };
        if (key == "MaxSpeculativeExecutions")
        {
            settings["Cassandra:SpeculativeExecutionDelay"] = "50";
        }

        var services = new ServiceCollection();
        services.AddAsyncCassandra(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Cassandra"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<CassandraOptions>());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
