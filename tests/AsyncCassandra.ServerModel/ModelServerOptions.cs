using System.Net;

namespace AsyncCassandra.ServerModel;

/// <summary>A peer that system.peers (and system.peers_v2) lists.</summary>
public sealed record ModelPeer(IPAddress Address, int NativePort, string Datacenter = "datacenter1", string Rack = "rack1", string ReleaseVersion = "4.0.11", string Token = "0");

/// <summary>What kind of node the model plays, and how it misbehaves.</summary>
public sealed class ModelServerOptions
{
    /// <summary>The loopback address to listen on (127.0.0.1 by default; any 127.x.y.z works on Linux).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0: any free port.</summary>
    public int Port { get; init; }

    /// <summary>The native protocol versions the node speaks (Cassandra 4.x/5.x: 3, 4, 5; 3.x: 3, 4 and 5 as beta).</summary>
    public IReadOnlyList<int> Versions { get; init; } = [3, 4, 5];

    /// <summary>Versions in beta: a STARTUP in one without the USE_BETA flag (0x10) is refused, as 3.x nodes refuse v5.</summary>
    public IReadOnlyList<int> BetaVersions { get; init; } = [];

    /// <summary>PasswordAuthenticator when set: STARTUP is answered with AUTHENTICATE and SASL PLAIN is checked.</summary>
    public (string User, string Password)? Credentials { get; init; }

    /// <summary>Sends one AUTH_CHALLENGE before AUTH_SUCCESS (an authenticator with two steps; PasswordAuthenticator has one).</summary>
    public bool ChallengeOnce { get; init; }

    /// <summary>Closes the socket on STARTUP without an answer (a node shutting down or at its connection limit).</summary>
    public bool CloseAtStartup { get; init; }

    /// <summary>system.local release_version; from 4 on system.peers_v2 exists.</summary>
    public string ReleaseVersion { get; init; } = "4.0.11";

    public string ClusterName { get; init; } = "Model Cluster";

    public string Datacenter { get; init; } = "datacenter1";

    public string Rack { get; init; } = "rack1";

    /// <summary>This node's token (Murmur3Partitioner).</summary>
    public string Token { get; init; } = "0";

    public IReadOnlyList<ModelPeer> Peers { get; init; } = [];

    /// <summary>The keyspaces and tables (shared between the nodes of a model cluster when the same instance is given).</summary>
    public ModelData Data { get; init; } = ModelData.Sample();

    /// <summary>
    /// Answers a request with an error instead of running it (tests script failures through this); throwing
    /// <see cref="ModelDropConnectionException"/> closes the connection instead. Sees QUERY, PREPARE, EXECUTE, BATCH
    /// and AUTH_RESPONSE.
    /// </summary>
    public Func<ModelRequest, ModelError?>? Intercept { get; init; }
}

/// <summary>Thrown by <see cref="ModelServerOptions.Intercept"/>: the model closes the connection without a reply.</summary>
public sealed class ModelDropConnectionException() : Exception("dropped by the test")
{
}

/// <summary>An error reply (spec §8): code, message and the bytes its code adds.</summary>
public sealed record ModelError(int Code, string Message, byte[]? Extra = null);

/// <summary>A request the model received, as it decoded it (tests assert on these).</summary>
public sealed record ModelRequest
{
    public required int Connection { get; init; }

    public required int Version { get; init; }

    public required byte Opcode { get; init; }

    /// <summary>The envelope header flags (§2.4.1.2).</summary>
    public required int HeaderFlags { get; init; }

    /// <summary>Whether it arrived inside v5 segments, and whether those were LZ4-compressed.</summary>
    public bool Framed { get; init; }

    public bool Compressed { get; init; }

    public string? Query { get; init; }

    /// <summary>The &lt;flags&gt; of QUERY/EXECUTE/BATCH parameters, or of PREPARE (v5).</summary>
    public int? QueryFlags { get; init; }

    /// <summary>The per-request keyspace (v5 flag 0x80 of QUERY/BATCH, 0x01 of PREPARE).</summary>
    public string? Keyspace { get; init; }

    /// <summary>v5 now_in_seconds (flag 0x100).</summary>
    public int? NowInSeconds { get; init; }

    public int? PageSize { get; init; }

    public byte[]? PreparedId { get; init; }

    public byte[]? ResultMetadataId { get; init; }

    public IReadOnlyDictionary<string, string>? StartupOptions { get; init; }
}
