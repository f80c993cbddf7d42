using System.Collections.Concurrent;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncCassandra.Cluster;

/// <summary>
/// What the sessions of one <see cref="AsyncCluster"/> share: the options, the negotiated protocol version, the known
/// nodes and the control connection that keeps them current.
/// </summary>
internal sealed partial class ClusterCore : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Host> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private int _roundRobin;
    private bool _initialized;

    public ClusterCore(CassandraOptions options)
    {
        options.Validate();
        Options = options;
        Logger = options.LoggerFactory?.CreateLogger("AsyncCassandra") ?? NullLogger.Instance;
        Settings = new ConnectionSettings
        {
            Credentials = options.Credentials,
            Ssl = options.Ssl,
            Compression = options.Compression,
            ConnectTimeout = options.ConnectTimeout,
            HeartbeatInterval = options.HeartbeatInterval,
            MaxRequestsPerConnection = options.MaxRequestsPerConnection,
            Logger = Logger,
        };
    }

    public CassandraOptions Options { get; }

    public ConnectionSettings Settings { get; }

    public ILogger Logger { get; }

    /// <summary>The protocol version every connection speaks, fixed by the first connection.</summary>
    public byte Version { get; private set; }

    public string? LocalDatacenter { get; private set; }

    public string? ClusterName { get; private set; }

    public IReadOnlyCollection<Host> Hosts => (IReadOnlyCollection<Host>)_hosts.Values;

    public CancellationToken DisposedToken => _disposed.Token;

    public bool IsInitialized => Volatile.Read(ref _initialized);

    /// <summary>Connects the control connection (negotiating the version) and discovers the cluster, once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await ConnectControlAsync(cancellationToken).ConfigureAwait(false);
            if (CheckLocalDatacenter() is { } strictFailure)
            {
                if (Interlocked.Exchange(ref _control, null) is { } control)
                {
                    await control.DisposeAsync().ConfigureAwait(false);
                }

                throw strictFailure;
            }

            Volatile.Write(ref _initialized, true);
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>
    /// A configured local data centre that no discovered node is in makes every node remote: a typo ("dc1" for
    /// "datacenter1") that would otherwise go unnoticed. Logged as a warning naming the data centres that exist, or
    /// returned as the connect failure under <see cref="CassandraOptions.StrictLocalDatacenter"/>.
    /// </summary>
    private NoHostAvailableException? CheckLocalDatacenter()
    {
        if (Options.LocalDatacenter is not { } configured)
        {
            return null;
        }

        Host[] hosts = Volatile.Read(ref _hostArray);
        if (hosts.Any(h => string.Equals(h.Datacenter, configured, StringComparison.Ordinal)))
        {
            return null;
        }

        string existing = string.Join(", ", hosts.Where(h => h.Datacenter is not null).GroupBy(h => h.Datacenter!, StringComparer.Ordinal)
            .Select(g => $"'{g.Key}' ({g.Count()} node{(g.Count() == 1 ? string.Empty : "s")})"));
        string message = $"CassandraOptions.LocalDatacenter is '{configured}', but no node of the cluster is in that data centre " +
                         $"(data centres: {(existing.Length == 0 ? "none reported" : existing)}; names are case-sensitive).";
        if (Options.StrictLocalDatacenter)
        {
            return new NoHostAvailableException(message + " Set LocalDatacenter to one of them, or leave it null to take the first contact point's.");
        }

        Logger.LogWarning("{Message} Every node counts as remote; set LocalDatacenter to one of them, or StrictLocalDatacenter = true to fail instead.", message);
        return null;
    }

    /// <summary>Tries each contact point in turn; on the first that answers, negotiates the protocol version.</summary>
    private async Task<Connection> NegotiateAsync(Host host, CancellationToken cancellationToken)
    {
        int highest = Options.ProtocolVersion ?? ProtocolVersions.Highest;
        int lowest = Options.ProtocolVersion ?? Math.Max(ProtocolVersions.Lowest, Options.MinimumProtocolVersion ?? ProtocolVersions.Lowest);
        int version = highest;
        VersionRefusedException? lastRefusal = null;
        while (version >= lowest)
        {
            try
            {
                Connection connection = await Connection.OpenAsync(host.Address, host.Port, (byte)version, null, Settings, cancellationToken).ConfigureAwait(false);
                Logger.LogInformation("Connected to {Endpoint} with native protocol v{Version}", host.Endpoint, version);
                return connection;
            }
            catch (VersionRefusedException refused)
            {
                lastRefusal = refused;
                Logger.LogDebug("{Endpoint} refused protocol v{Version}: {Message}", host.Endpoint, version, refused.Message);
                version = refused.ServerVersion is { } server && server < version ? server : version - 1;
            }
        }

        int? serverVersion = lastRefusal?.ServerVersion is { } sv && sv < lowest ? sv : null;
        string speaks = serverVersion is { } s ? $"speaks protocol v{s} at most" : $"refused every version from v{highest} down to v{lowest}";
        string advice = Options.ProtocolVersion is not null
            ? $"Remove CassandraOptions.ProtocolVersion = {Options.ProtocolVersion} or set it to a version the server speaks."
            : Options.MinimumProtocolVersion is { } min
                ? $"CassandraOptions.MinimumProtocolVersion is {min}: lower it, or connect to a newer server (Cassandra 2.1 speaks v3, 2.2/3.x v4, 4.0+ v5)."
                : "This client speaks v3 to v5 (Cassandra 2.1 and later).";
        throw new ProtocolVersionException($"{host.Endpoint} {speaks}. {advice}", serverVersion, lastRefusal);
    }

    /// <summary>Opens one connection to a node with the negotiated version, bound to a keyspace.</summary>
    public Task<Connection> OpenConnectionAsync(Host host, string? keyspace, CancellationToken cancellationToken) =>
        Connection.OpenAsync(host.Address, host.Port, Version, keyspace, Settings, cancellationToken);

    private Host[] _hostArray = [];

    /// <summary>The nodes to try for a request, best first (see <see cref="Cluster.QueryPlan"/>); allocates nothing.</summary>
    public QueryPlan QueryPlan() => new(Volatile.Read(ref _hostArray), LocalDatacenter, Interlocked.Increment(ref _roundRobin) & int.MaxValue);

    /// <summary>Rebuilds the snapshot the query plans walk; called whenever the set of known nodes changes.</summary>
    private void HostsChanged() => Volatile.Write(ref _hostArray, [.. _hosts.Values]);

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        Connection? control = Interlocked.Exchange(ref _control, null);
        if (control is not null)
        {
            await control.DisposeAsync().ConfigureAwait(false);
        }
    }
}
