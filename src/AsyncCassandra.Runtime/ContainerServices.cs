using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncCassandra;

/// <summary>
/// Fills what the options leave unset from the application's container, so a hosted app gets the client's logs and
/// its own policies without wiring them twice: the container's <see cref="ILoggerFactory"/> when
/// <see cref="CassandraOptions.LoggerFactory"/> is null, an <see cref="IRetryPolicy"/> registered in the container when
/// the options keep the <see cref="DefaultRetryPolicy"/>, and an <see cref="ISpeculativeExecutionPolicy"/> registered in
/// the container when the options set none. A keyed cluster looks for services under its key first. What the options
/// set explicitly always wins.
/// </summary>
internal sealed class ContainerServices(string name, object? serviceKey, IServiceProvider services) : IPostConfigureOptions<CassandraOptions>
{
    public void PostConfigure(string? optionsName, CassandraOptions options)
    {
        if ((optionsName ?? Options.DefaultName) != name)
        {
            return;
        }

        options.LoggerFactory ??= Resolve<ILoggerFactory>();
        if (options.RetryPolicy is DefaultRetryPolicy && Resolve<IRetryPolicy>() is { } retry)
        {
            options.RetryPolicy = retry;
        }

        options.SpeculativeExecutionPolicy ??= Resolve<ISpeculativeExecutionPolicy>();
    }

    private T? Resolve<T>()
        where T : class =>
        (serviceKey is not null && services is IKeyedServiceProvider keyed ? keyed.GetKeyedService<T>(serviceKey) : null) ?? services.GetService<T>();
}
