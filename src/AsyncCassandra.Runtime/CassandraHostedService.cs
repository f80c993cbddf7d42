using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AsyncCassandra;

/// <summary>
/// Ties one registered cluster to the host's lifetime. It connects in <see cref="StartingAsync"/>, before any hosted
/// service starts (the web server among them), so the app never serves a request it cannot answer: failing fast, or
/// retrying for <see cref="CassandraHostingOptions.StartupTimeout"/>. It drains in <see cref="StoppedAsync"/>, after
/// every hosted service stopped (the web server has finished its own requests by then): new requests are refused, the
/// ones in flight complete, then the connections close.
/// </summary>
internal sealed class CassandraHostedService(string name, object? serviceKey, IServiceProvider services) : IHostedLifecycleService
{
    private AsyncSession? _session;

    private string ClusterText => name.Length == 0 ? string.Empty : $" '{name}'";

    private CassandraHostingOptions Hosting => services.GetRequiredService<IOptionsMonitor<CassandraHostingOptions>>().Get(name);

    private ILogger Logger => services.GetService<ILoggerFactory>()?.CreateLogger(CassandraHostingLog.Category) ?? NullLogger.Instance;

    private AsyncSession Session => _session ??= serviceKey is null
        ? services.GetRequiredService<AsyncSession>()
        : services.GetRequiredKeyedService<AsyncSession>(serviceKey);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        CassandraHostingOptions hosting = Hosting;
        if (!hosting.ConnectOnStart)
        {
            return;
        }

        AsyncSession session = Session;
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await session.ConnectNowAsync(cancellationToken).ConfigureAwait(false);
                CassandraHostingLog.ConnectedAtStartup(Logger, ClusterText, session.Cluster.Nodes.Count, session.Cluster.ProtocolVersion, Stopwatch.GetElapsedTime(started).TotalSeconds);
                return;
            }
            catch (Exception ex) when (ex is NoHostAvailableException or ConnectionException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                TimeSpan waited = Stopwatch.GetElapsedTime(started);
                if (waited + hosting.StartupRetryDelay > hosting.StartupTimeout)
                {
                    Exception failure = StartupFailure(ex, session.Cluster.Options, hosting, waited);
                    CassandraHostingLog.StartupFailed(Logger, ClusterText, failure);
                    throw failure;
                }

                CassandraHostingLog.StartupRetry(Logger, ClusterText, ex.Message, hosting.StartupRetryDelay.TotalSeconds, hosting.StartupTimeout.TotalSeconds);
                await Task.Delay(hosting.StartupRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private NoHostAvailableException StartupFailure(Exception error, CassandraOptions options, CassandraHostingOptions hosting, TimeSpan waited)
    {
        string points = string.Join(", ", options.ContactPoints);
        string waitedText = hosting.StartupTimeout > TimeSpan.Zero ? $" after waiting {waited.TotalSeconds:0.#} s" : string.Empty;
        string advice = hosting.StartupTimeout > TimeSpan.Zero
            ? "Check that the cluster is up and reachable, or raise StartupTimeout."
            : "Check that the cluster is up and reachable; set StartupTimeout (e.g. \"00:01:00\") to wait for it, or ConnectOnStart = false to connect on first use.";
        string message = $"AsyncCassandra{ClusterText} could not connect at start-up to {points} (port {options.Port}){waitedText}: {error.Message} {advice}";
        IReadOnlyDictionary<string, Exception> errors = error is NoHostAvailableException nha ? nha.Errors : new Dictionary<string, Exception> { [points] = error };
        return new NoHostAvailableException(message, errors);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        AsyncSession session;
        try
        {
            session = Session;
        }
        catch (OptionsValidationException)
        {
            // The options never validated, so nothing connected.
            return;
        }

        TimeSpan timeout = Hosting.DrainTimeout;
        CassandraHostingLog.Draining(Logger, ClusterText, timeout.TotalSeconds, session.InFlightRequests);
        long started = Stopwatch.GetTimestamp();
        int left = await session.DrainAsync(timeout, cancellationToken).ConfigureAwait(false);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (left == 0)
        {
            CassandraHostingLog.Drained(Logger, ClusterText, seconds);
        }
        else
        {
            CassandraHostingLog.DrainIncomplete(Logger, ClusterText, left, seconds);
        }

        await session.Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
