using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra;

/// <summary>
/// Returned by <c>AddAsyncCassandra</c>: the service collection the cluster and session were registered in. The
/// generated <c>AddCassandraRepositories()</c> extension registers every repository of the assembly on it.
/// </summary>
public sealed class AsyncCassandraBuilder
{
    internal AsyncCassandraBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a repository as a singleton made from the registered <see cref="AsyncSession"/> (advanced: the
    /// generated <c>AddCassandraRepositories()</c> calls it with each interface's <c>Create</c>).
    /// </summary>
    /// <typeparam name="TRepository">The repository interface.</typeparam>
    /// <param name="create">Makes the repository for a session.</param>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public AsyncCassandraBuilder AddRepository<TRepository>(Func<AsyncSession, TRepository> create)
        where TRepository : class
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.AddSingleton(provider => create(provider.GetRequiredService<AsyncSession>()));
        return this;
    }
}
