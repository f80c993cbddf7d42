using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AsyncCassandra;

/// <summary>
/// A health check for ASP.NET Core and other <c>Microsoft.Extensions.Diagnostics.HealthChecks</c> hosts: runs
/// <c>SELECT release_version FROM system.local</c> (idempotent, 5 s timeout) and reports Healthy with the node, its
/// version and the latency; Degraded when some known nodes are down; the registration's failure status (Unhealthy by
/// default) when no node answers, and also when the session is disposed or the check is cancelled: it never throws.
/// Register it with
/// <c>services.AddHealthChecks().AddCheck&lt;CassandraHealthCheck&gt;("cassandra")</c> next to
/// <c>AddAsyncCassandra</c>.
/// </summary>
public sealed class CassandraHealthCheck : IHealthCheck
{
    private readonly AsyncSession _session;

    /// <summary>Creates the check for a session.</summary>
    public CassandraHealthCheck(AsyncSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>How long the probe query may take. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var watch = Stopwatch.StartNew();
        try
        {
            var probe = new SimpleStatement("SELECT release_version FROM system.local") { IsIdempotent = true, Timeout = Timeout };
            RowSet rows = await _session.ExecuteAsync(probe, cancellationToken).ConfigureAwait(false);
            double ms = watch.Elapsed.TotalMilliseconds;
            string version = rows.Count > 0 ? rows[0].Get<string?>(0) ?? "unknown" : "unknown";
            IReadOnlyList<HostStatus> hosts = _session.Cluster.Monitor.GetHostStates();
            int total = hosts.Count;
            int up = hosts.Count(h => h.State != HostState.Down);
            data["node"] = rows.Host ?? "unknown";
            data["release_version"] = version;
            data["latency_ms"] = Math.Round(ms, 1);
            data["nodes_up"] = up;
            data["nodes_known"] = total;
            string description = $"Cassandra {version} on {rows.Host} answered in {ms:0.#} ms; {up} of {total} known node(s) up.";
            if (up < total)
            {
                data["nodes_down"] = string.Join(", ", hosts.Where(h => h.State == HostState.Down).Select(h => h.Endpoint));
                description += $" Down: {data["nodes_down"]}.";
            }

            return up < total ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data);
        }
        catch (ObjectDisposedException ex)
        {
            data["latency_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            return new HealthCheckResult(FailureStatus(context), "The Cassandra session is disposed (the application is shutting down or disposed it).", ex, data);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            data["latency_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            return new HealthCheckResult(FailureStatus(context), "The Cassandra health check was cancelled before the node answered.", ex, data);
        }
        catch (Exception ex)
        {
            data["latency_ms"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            return new HealthCheckResult(FailureStatus(context), $"Cassandra did not answer: {ex.Message}", ex, data);
        }
    }

    /// <summary>The registration's failure status; Unhealthy when the check runs without a registration (called directly).</summary>
    private static HealthStatus FailureStatus(HealthCheckContext? context) => context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
}
