using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra.Advanced;

/// <summary>Repository registration for the generated <c>AddCassandraRepositories()</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class AsyncCassandraBuilderExtensions
{
    /// <summary>
    /// Registers a repository as a singleton made from the cluster's <see cref="AsyncSession"/>, keyed by
    /// <see cref="AsyncCassandraBuilder.Name"/> for a named cluster.
    /// </summary>
    /// <typeparam name="TRepository">The repository interface.</typeparam>
    /// <param name="builder">What <c>AddAsyncCassandra</c> returned.</param>
    /// <param name="create">Makes the repository for a session (the interface's generated <c>Create</c>).</param>
    public static AsyncCassandraBuilder AddRepository<TRepository>(this AsyncCassandraBuilder builder, Func<AsyncSession, TRepository> create)
        where TRepository : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        if (builder.Name.Length == 0)
        {
            builder.Services.AddSingleton(provider => create(provider.GetRequiredService<AsyncSession>()));
        }
        else
        {
            string key = builder.Name;
            builder.Services.AddKeyedSingleton(key, (provider, _) => create(provider.GetRequiredKeyedService<AsyncSession>(key)));
        }

        return builder;
    }
}
