namespace AsyncCassandra.Connections;

/// <summary>
/// The server refused the protocol version of a STARTUP (an error naming the version, the "USE_BETA flag is unset"
/// refusal of a 3.x node asked for v5, or a socket closed at STARTUP): while the first connection negotiates, the
/// version steps down; afterwards it is a failure to connect to that host like any other, so it is a
/// <see cref="ConnectionException"/>: the pool marks the host down with backoff, a request moves to the next node and
/// the control connection tries the next one.
/// </summary>
internal sealed class VersionRefusedException(int requested, int? serverVersion, string detail, string? host = null)
    : ConnectionException($"{(host is null ? "The server" : host)} refused native protocol v{requested}: {detail}")
{
    public int Requested { get; } = requested;

    public int? ServerVersion { get; } = serverVersion;

    /// <summary>The connection closed at STARTUP instead of an answer: a refusal by some servers, but also what a network fault looks like.</summary>
    public bool ByNetworkError { get; init; }
}
