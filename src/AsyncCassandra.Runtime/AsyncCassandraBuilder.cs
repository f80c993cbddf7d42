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
}
