namespace AsyncCassandra;

/// <summary>
/// How a hosted application's cluster starts and stops (see <c>AddAsyncCassandra</c>): the session connects while the
/// host starts, and on shutdown refuses new requests, lets the ones in flight complete, then closes its connections.
/// Read from the same configuration section as <see cref="CassandraOptions"/> (keys <c>ConnectOnStart</c>,
/// <c>StartupTimeout</c>, <c>StartupRetryDelay</c>, <c>DrainTimeout</c>), or set with
/// <see cref="AsyncCassandraBuilder.ConfigureHosting"/>.
/// </summary>
public sealed class CassandraHostingOptions
{
    /// <summary>Connect while the host starts, before it serves requests. Default true; false connects on first use.</summary>
    public bool ConnectOnStart { get; set; } = true;

    /// <summary>
    /// How long start-up waits for a node to answer, retrying every <see cref="StartupRetryDelay"/>. Default zero: fail
    /// fast, so the host does not start when no node answers (the error names each contact point and why it failed).
    /// </summary>
    public TimeSpan StartupTimeout { get; set; }

    /// <summary>The pause between connection attempts while start-up waits. Default 2 s.</summary>
    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// On shutdown, after the host's other services (the web server among them) stopped, how long requests still in
    /// flight may take before the connections close anyway. New requests are refused meanwhile. Default 30 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
