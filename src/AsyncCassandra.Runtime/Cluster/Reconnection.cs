namespace AsyncCassandra.Cluster;

/// <summary>How reconnection backs off: shared by the pools and the control connection.</summary>
internal static class Reconnection
{
    /// <summary>A connection that closes sooner than this after opening counts as a failed attempt.</summary>
    public const long HealthyLifetimeMs = 2_000;

    /// <summary>
    /// The delay before attempt <paramref name="failures"/> + 1: ReconnectBaseDelay doubled per failure up to
    /// ReconnectMaxDelay, times a random factor in [0.85, 1.15] so that many clients (or pools) do not retry in step.
    /// </summary>
    public static TimeSpan Backoff(int failures, CassandraOptions options)
    {
        double ms = options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 16));
        ms = Math.Min(ms, options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.85 + (Random.Shared.NextDouble() * 0.3)));
    }
}
