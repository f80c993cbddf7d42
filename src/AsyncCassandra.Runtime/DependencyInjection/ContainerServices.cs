using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra;

/// <summary>
/// Fills what the options leave unset from the application's container, so a hosted app gets the client's logs and
/// its own policies without wiring them twice: the container's <see cref="ILoggerFactory"/> when
/// <see cref="CassandraOptions.LoggerFactory"/> is null, an <see cref="IRetryPolicy"/> registered in the container when
/// the options keep the <see cref="DefaultRetryPolicy"/>, and an <see cref="ISpeculativeExecutionPolicy"/> registered in
/// the container when the options set none. What the options set explicitly always wins.
/// </summary>
internal static class ContainerServices
{
    public static void Apply(CassandraOptions options, IServiceProvider services, object? serviceKey)
    {
        options.LoggerFactory ??= services.GetService<ILoggerFactory>();
        if (options.RetryPolicy is DefaultRetryPolicy && Resolve<IRetryPolicy>(services, serviceKey) is { } retry)
        {
            options.RetryPolicy = retry;
        }

        options.SpeculativeExecutionPolicy ??= Resolve<ISpeculativeExecutionPolicy>(services, serviceKey);
    }

    /// <summary>A keyed cluster takes the service registered under its key first, then the unkeyed one.</summary>
    private static T? Resolve<T>(IServiceProvider services, object? serviceKey)
        where T : class =>
        (serviceKey is not null && services is IKeyedServiceProvider keyed ? keyed.GetKeyedService<T>(serviceKey) : null) ?? services.GetService<T>();
}
