using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Connections;

/// <summary>What every connection of a cluster needs to open, taken from <see cref="CassandraOptions"/> once.</summary>
internal sealed record ConnectionSettings
{
    public CassandraCredentials? Credentials { get; init; }

    public SslClientAuthenticationOptions? Ssl { get; init; }

    public CompressionAlgorithm Compression { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRequestsPerConnection { get; init; } = 2048;

    /// <summary>The largest response frame body accepted; a larger one closes the connection with a ProtocolException.</summary>
    /// <summary>
    /// When more than this share of the stream ids is held by requests whose caller left without a reply (timed out or
    /// cancelled), the connection is replaced (see <see cref="CassandraOptions.MaxOrphanedRequestShare"/>).
    /// </summary>
    public double MaxOrphanedRequestShare { get; init; } = 0.25;

    public int MaxFrameLength { get; init; } = Protocol.ProtocolVersions.MaxBodyLength;

    /// <summary>Pulsed when a stream id is freed, for requests waiting for one (see Execution.RequestQueue).</summary>
    public CapacitySignal Capacity { get; init; } = new();

    /// <summary>Plain TCP connections read and write on a thread of their own (<see cref="CassandraOptions.DedicatedIoThreads"/>).</summary>
    public bool DedicatedIoThreads { get; init; } = true;

    public ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
