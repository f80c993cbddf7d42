using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncCassandra;

/// <summary>Registers AsyncCassandra in a <see cref="IServiceCollection"/>.</summary>
public static class AsyncCassandraServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CassandraOptions"/> (as <c>IOptions&lt;CassandraOptions&gt;</c>, bound from a configuration
    /// section by the configuration binder's source generator and validated at start-up), an <see cref="AsyncCluster"/>
    /// and an <see cref="AsyncSession"/> (singletons the container disposes), and a hosted service that connects while
    /// the host starts and drains on shutdown (see <see cref="CassandraHostingOptions"/>). Options the configuration
    /// leaves unset come from the container where it has them: its <c>ILoggerFactory</c>, an <see cref="IRetryPolicy"/>
    /// or an <see cref="ISpeculativeExecutionPolicy"/>. Keys: <c>ContactPoints</c> (an array, or one comma-separated
    /// string), <c>Port</c>, <c>Keyspace</c>, <c>LocalDatacenter</c>, <c>Username</c> and <c>Password</c>,
    /// <c>ProtocolVersion</c>, <c>MinimumProtocolVersion</c>, <c>RequestTimeout</c>, <c>ConnectTimeout</c>,
    /// <c>HeartbeatInterval</c>, <c>ReconnectBaseDelay</c>, <c>ReconnectMaxDelay</c> (TimeSpan text such as
    /// <c>00:00:12</c>, or a number of milliseconds), <c>ConnectionsPerHost</c>, <c>MaxRequestsPerConnection</c>,
    /// <c>Compression</c> (None, Lz4), <c>DefaultConsistency</c>, <c>DefaultSerialConsistency</c>,
    /// <c>DefaultPageSize</c>, <c>TokenAwareRouting</c> (true, false), <c>DedicatedIoThreads</c> (true, false), <c>SpeculativeExecutionDelay</c> with
    /// <c>MaxSpeculativeExecutions</c> (default 1) for a <see cref="ConstantSpeculativeExecutionPolicy"/>, and the
    /// hosting keys <c>ConnectOnStart</c>, <c>StartupTimeout</c>, <c>StartupRetryDelay</c>, <c>DrainTimeout</c>.
    /// A bad value fails with an <see cref="OptionsValidationException"/> naming its key, at start-up in a host.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Cassandra")</c>.</param>
    /// <param name="configure">Adjusts the options after they are read (credentials from a secret store, logging, ...).</param>
    /// <returns>A builder for <c>AddCassandraRepositories()</c>.</returns>
    public static AsyncCassandraBuilder AddAsyncCassandra(this IServiceCollection services, IConfiguration configuration, Action<CassandraOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Options.DefaultName, configuration, configure);
    }

    /// <summary>Registers <see cref="CassandraOptions"/> set by <paramref name="configure"/>, an <see cref="AsyncCluster"/> and an <see cref="AsyncSession"/>; see the configuration overload.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for <c>AddCassandraRepositories()</c>.</returns>
    public static AsyncCassandraBuilder AddAsyncCassandra(this IServiceCollection services, Action<CassandraOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Options.DefaultName, null, configure);
    }

    /// <summary>
    /// Registers a cluster under a name, for applications that talk to more than one (the way .NET's
    /// <c>AddKeyedSingleton</c> and Aspire's <c>AddKeyedNpgsqlDataSource</c> do): named
    /// options (<c>IOptionsMonitor&lt;CassandraOptions&gt;.Get(name)</c>) and keyed services
    /// (<c>[FromKeyedServices("name")] AsyncSession</c>, and the repositories that
    /// <c>AddCassandraRepositories()</c> registers on the returned builder). See the unnamed overload for the keys.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The cluster's name: the options name and the service key.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Analytics")</c>.</param>
    /// <returns>A builder whose repositories are keyed by <paramref name="name"/>.</returns>
    public static AsyncCassandraBuilder AddKeyedAsyncCassandra(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, configuration, null);
    }

    /// <summary>Registers a named cluster whose options <paramref name="configure"/> sets; see the other named overload.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The cluster's name: the options name and the service key.</param>
    /// <param name="configure">Sets the options (more can be added with <c>services.Configure&lt;CassandraOptions&gt;(name, ...)</c>).</param>
    /// <returns>A builder whose repositories are keyed by <paramref name="name"/>.</returns>
    public static AsyncCassandraBuilder AddKeyedAsyncCassandra(this IServiceCollection services, string name, Action<CassandraOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, null, configure);
    }

    private static AsyncCassandraBuilder Register(IServiceCollection services, string name, IConfiguration? configuration, Action<CassandraOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        object? key = name.Length == 0 ? null : name;
        foreach (ServiceDescriptor existing in services)
        {
            if (existing.ServiceType == typeof(CassandraRegistration) && existing.ImplementationInstance is CassandraRegistration { Name: var taken } && taken == name)
            {
                throw new InvalidOperationException(name.Length == 0
                    ? "AddAsyncCassandra was already called for the default cluster; call it once, or register a second cluster under a name with AddKeyedAsyncCassandra(\"name\", section)."
                    : $"AddKeyedAsyncCassandra was already called for the cluster '{name}'; each name registers one cluster.");
            }
        }

        services.AddSingleton(new CassandraRegistration(name));
        string? sectionPath = configuration is IConfigurationSection section ? section.Path : configuration is null ? null : string.Empty;

        OptionsBuilder<CassandraOptions> options = services.AddOptions<CassandraOptions>(name);
        OptionsBuilder<CassandraHostingOptions> hosting = services.AddOptions<CassandraHostingOptions>(name);
        if (configuration is not null)
        {
            options.Configure(o => CassandraConfigurationBinder.Apply(configuration, o));
            hosting.Configure(o => CassandraConfigurationBinder.Apply(configuration, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IPostConfigureOptions<CassandraOptions>>(provider => new ContainerServices(name, key, provider));
        services.AddSingleton<IValidateOptions<CassandraOptions>>(new CassandraOptionsValidator(name, sectionPath));
        services.AddSingleton<IValidateOptions<CassandraHostingOptions>>(new CassandraHostingOptionsValidator(name, sectionPath));
        options.ValidateOnStart();
        hosting.ValidateOnStart();

        if (key is null)
        {
            services.AddSingleton(provider => provider.GetRequiredService<IOptions<CassandraOptions>>().Value);
            services.AddSingleton(provider => new AsyncCluster(provider.GetRequiredService<CassandraOptions>()));
            services.AddSingleton(provider => provider.GetRequiredService<AsyncCluster>().CreateSession());
        }
        else
        {
            services.AddKeyedSingleton(key, (provider, _) => provider.GetRequiredService<IOptionsMonitor<CassandraOptions>>().Get(name));
            services.AddKeyedSingleton(key, (provider, _) => new AsyncCluster(provider.GetRequiredKeyedService<CassandraOptions>(key)));
            services.AddKeyedSingleton(key, (provider, _) => provider.GetRequiredKeyedService<AsyncCluster>(key).CreateSession());
        }

        services.AddSingleton<IHostedService>(provider => new CassandraHostedService(name, key, provider));
        return new AsyncCassandraBuilder(services, name);
    }

    /// <summary>Marks a cluster name as registered, so a second registration under it fails clearly.</summary>
    private sealed record CassandraRegistration(string Name);
}
