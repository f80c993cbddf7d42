using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra;

/// <summary>
/// Returned by <c>AddAsyncCassandra</c>: the service collection the cluster and session were registered in, and the
/// cluster's name for a named registration. The generated <c>AddCassandraRepositories()</c> extension registers every
/// repository of the assembly on it (keyed by the name for a named cluster) through
/// <see cref="Advanced.AsyncCassandraBuilderExtensions.AddRepository{TRepository}"/>.
/// </summary>
public sealed class AsyncCassandraBuilder
{
    internal AsyncCassandraBuilder(IServiceCollection services, string name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The cluster's name (its options name and service key); empty for the default cluster.</summary>
    public string Name { get; }

    /// <summary>Sets how the cluster starts and stops with the host, after the configuration section is applied.</summary>
    /// <param name="configure">Adjusts the hosting options.</param>
    public AsyncCassandraBuilder ConfigureHosting(Action<CassandraHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(Name, configure);
        return this;
    }
}
