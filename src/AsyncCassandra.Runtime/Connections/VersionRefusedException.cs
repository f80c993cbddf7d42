namespace AsyncCassandra.Connections;

/// <summary>The server refused the protocol version of a STARTUP; negotiation tries a lower one.</summary>
internal sealed class VersionRefusedException(int requested, int? serverVersion, string detail)
    : Exception($"The server refused native protocol v{requested}: {detail}")
{
    public int Requested { get; } = requested;

    public int? ServerVersion { get; } = serverVersion;

    /// <summary>The connection closed at STARTUP instead of an answer: a refusal by some servers, but also what a network fault looks like.</summary>
    public bool ByNetworkError { get; init; }
}
