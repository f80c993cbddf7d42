using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

/// <summary>
/// Opens connections with the cluster's settings: the first one negotiates the protocol version (offering the highest
/// allowed and stepping down when refused), which every later connection then speaks.
/// </summary>
internal sealed class ConnectionFactory
{
    private readonly CassandraOptions _options;
    private readonly ILogger _logger;

    public ConnectionFactory(CassandraOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        Settings = new ConnectionSettings
        {
            Credentials = options.Credentials,
            Ssl = options.Ssl ?? options.Tls.Build(),
            Compression = options.Compression,
            ConnectTimeout = options.ConnectTimeout,
            HeartbeatInterval = options.HeartbeatInterval,
            MaxRequestsPerConnection = options.MaxRequestsPerConnection,
            MaxFrameLength = options.MaxFrameLength,
            MaxOrphanedRequestShare = options.MaxOrphanedRequestShare,
            DedicatedIoThreads = options.DedicatedIoThreads,
            Logger = logger,
        };
        WarnAboutCustomValidation();
    }

    public ConnectionSettings Settings { get; }

    /// <summary>Warns once that certificates are checked by the user's code, not by the platform's validation.</summary>
    private void WarnAboutCustomValidation()
    {
        if (Settings.Ssl?.RemoteCertificateValidationCallback is not null)
        {
            CassandraLog.CustomCertificateValidation(_logger);
        }
    }

    /// <summary>The protocol version every connection speaks, fixed by the first connection; 0 before.</summary>
    public byte Version { get; private set; }

    /// <summary>A connection to a node, bound to a keyspace; the first one negotiates the version.</summary>
    public async Task<Connection> OpenAsync(Host host, string? keyspace, CancellationToken cancellationToken)
    {
        if (Version != 0)
        {
            return await Connection.OpenAsync(host.Address, host.Port, Version, keyspace, Settings, cancellationToken).ConfigureAwait(false);
        }

        Connection connection = await NegotiateAsync(host, keyspace, cancellationToken).ConfigureAwait(false);
        if (Version == 0)
        {
            Version = connection.Version;
        }

        return connection;
    }

    /// <summary>Offers the highest allowed version and steps down on each refusal, to the lowest allowed.</summary>
    private async Task<Connection> NegotiateAsync(Host host, string? keyspace, CancellationToken cancellationToken)
    {
        int highest = _options.ProtocolVersion ?? ProtocolVersions.Highest;
        int lowest = _options.ProtocolVersion ?? Math.Max(ProtocolVersions.Lowest, _options.MinimumProtocolVersion ?? ProtocolVersions.Lowest);
        int version = highest;
        VersionRefusedException? lastRefusal = null;
        while (version >= lowest)
        {
            try
            {
                Connection connection = await Connection.OpenAsync(host.Address, host.Port, (byte)version, keyspace, Settings, cancellationToken).ConfigureAwait(false);
                CassandraLog.ProtocolNegotiated(_logger, host.Endpoint, version);
                return connection;
            }
            catch (VersionRefusedException refused)
            {
                lastRefusal = refused;
                if (refused.ByNetworkError)
                {
                    // Not an answer: a node that speaks this version behind a flaky link would be downgraded here.
                    CassandraLog.ProtocolDowngradeAfterNetworkError(_logger, host.Endpoint, version, refused.Message);
                }
                else
                {
                    CassandraLog.ProtocolVersionRefused(_logger, host.Endpoint, version, refused.Message);
                }

                version = refused.ServerVersion is { } server && server < version ? server : version - 1;
            }
        }

        int? serverVersion = lastRefusal?.ServerVersion is { } sv && sv < lowest ? sv : null;
        string speaks = serverVersion is { } s ? $"speaks protocol v{s} at most" : $"refused every version from v{highest} down to v{lowest}";
        string advice = _options.ProtocolVersion is not null
            ? $"Remove CassandraOptions.ProtocolVersion = {_options.ProtocolVersion} or set it to a version the server speaks."
            : _options.MinimumProtocolVersion is { } min
                ? $"CassandraOptions.MinimumProtocolVersion is {min}: lower it, or connect to a newer server (Cassandra 2.1 speaks v3, 2.2/3.x v4, 4.0+ v5)."
                : "This client speaks v3 to v5 (Cassandra 2.1 and later).";
        throw new ProtocolVersionException($"{host.Endpoint} {speaks}. {advice}", serverVersion, lastRefusal);
    }
}
