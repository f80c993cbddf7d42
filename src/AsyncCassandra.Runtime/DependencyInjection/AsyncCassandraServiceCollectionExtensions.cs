using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra;

/// <summary>Registers AsyncCassandra in a <see cref="IServiceCollection"/>.</summary>
public static class AsyncCassandraServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CassandraOptions"/> read from a configuration section, an <see cref="AsyncCluster"/> and an
    /// <see cref="AsyncSession"/> (singletons; the session connects on first use, and the container disposes both —
    /// dispose the service provider with <c>DisposeAsync</c>). Keys: <c>ContactPoints</c> (an array, or one
    /// comma-separated string), <c>Port</c>, <c>Keyspace</c>, <c>LocalDatacenter</c>, <c>Username</c> and
    /// <c>Password</c>, <c>ProtocolVersion</c>, <c>MinimumProtocolVersion</c>, <c>RequestTimeout</c>,
    /// <c>ConnectTimeout</c>, <c>HeartbeatInterval</c>, <c>ReconnectBaseDelay</c>, <c>ReconnectMaxDelay</c> (TimeSpan
    /// text such as <c>00:00:12</c>, or a number of milliseconds), <c>ConnectionsPerHost</c>,
    /// <c>MaxRequestsPerConnection</c>, <c>Compression</c> (None, Lz4), <c>DefaultConsistency</c>,
    /// <c>DefaultSerialConsistency</c>, <c>DefaultPageSize</c>, <c>TokenAwareRouting</c> (true, false), and
    /// <c>SpeculativeExecutionDelay</c> with <c>MaxSpeculativeExecutions</c> (default 1) for a
    /// <see cref="ConstantSpeculativeExecutionPolicy"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Cassandra")</c>.</param>
    /// <param name="configure">Adjusts the options after they are read (credentials from a secret store, logging, ...).</param>
    /// <returns>A builder for <c>AddCassandraRepositories()</c>.</returns>
    public static AsyncCassandraBuilder AddAsyncCassandra(this IServiceCollection services, IConfiguration configuration, Action<CassandraOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, () =>
        {
            CassandraOptions options = CassandraConfigurationReader.Read(configuration);
            configure?.Invoke(options);
            return options;
        });
    }

    /// <summary>Registers <see cref="CassandraOptions"/> set by <paramref name="configure"/>, an <see cref="AsyncCluster"/> and an <see cref="AsyncSession"/>; see the configuration overload.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for <c>AddCassandraRepositories()</c>.</returns>
    public static AsyncCassandraBuilder AddAsyncCassandra(this IServiceCollection services, Action<CassandraOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, () =>
        {
            var options = new CassandraOptions();
            configure(options);
            return options;
        });
    }

    private static AsyncCassandraBuilder Register(IServiceCollection services, Func<CassandraOptions> createOptions)
    {
        services.AddSingleton(provider =>
        {
            CassandraOptions options = createOptions();
            ContainerServices.Apply(options, provider, serviceKey: null);
            options.Validate();
            return options;
        });
        services.AddSingleton(provider => new AsyncCluster(provider.GetRequiredService<CassandraOptions>()));
        services.AddSingleton(provider => provider.GetRequiredService<AsyncCluster>().CreateSession());
        return new AsyncCassandraBuilder(services);
    }
}
