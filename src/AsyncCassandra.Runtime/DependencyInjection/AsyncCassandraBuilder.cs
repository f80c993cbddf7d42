using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra;

/// <summary>
/// Returned by <c>AddAsyncCassandra</c>: the service collection the cluster and session were registered in, and the
/// cluster's name for a named registration. The generated <c>AddCassandraRepositories()</c> extension registers every
/// repository of the assembly on it (keyed by the name for a named cluster).
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

    /// <summary>
    /// Registers a repository as a singleton made from the cluster's <see cref="AsyncSession"/>, keyed by
    /// <see cref="Name"/> for a named cluster (advanced: the generated <c>AddCassandraRepositories()</c> calls it with
    /// each interface's <c>Create</c>).
    /// </summary>
    /// <typeparam name="TRepository">The repository interface.</typeparam>
    /// <param name="create">Makes the repository for a session.</param>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public AsyncCassandraBuilder AddRepository<TRepository>(Func<AsyncSession, TRepository> create)
        where TRepository : class
    {
        ArgumentNullException.ThrowIfNull(create);
        if (Name.Length == 0)
        {
            Services.AddSingleton(provider => create(provider.GetRequiredService<AsyncSession>()));
        }
        else
        {
            string key = Name;
            Services.AddKeyedSingleton(key, (provider, _) => create(provider.GetRequiredKeyedService<AsyncSession>(key)));
        }

        return this;
    }
}
