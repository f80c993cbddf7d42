using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// Token-aware routing: the cluster's partitioner, the keyspaces' replication (from the schema tables) and the token
/// ring built from the nodes' tokens, kept current by the control connection. Gives, for a statement whose partition
/// is known, the nodes that hold a replica of it.
/// </summary>
internal sealed class TokenRouting
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CassandraOptions _options;
    private readonly Topology _topology;
    private readonly ILogger _logger;
    private TokenMap? _map;
    private Partitioner? _partitioner;
    private string? _partitionerName;
    private IReadOnlyDictionary<string, ReplicationStrategy> _keyspaces = new Dictionary<string, ReplicationStrategy>();

    public TokenRouting(CassandraOptions options, Topology topology, ILogger logger)
    {
        _options = options;
        _topology = topology;
        _logger = logger;
    }

    /// <summary>Whether statements can be routed at all (the option is on and the partitioner is one the client hashes).</summary>
    public bool Enabled => _options.TokenAwareRouting && _partitioner is not null;

    /// <summary>The current token map; null before discovery, with routing off, or under a partitioner the client cannot route for.</summary>
    public TokenMap? Map => Volatile.Read(ref _map);

    /// <summary>The replicas of a statement's partition; null when it is not known.</summary>
    public Host[]? Replicas(Statement statement, byte version) =>
        Volatile.Read(ref _map) is { } map && StatementRouting.TryGetToken(statement, map.Partitioner, version, out string keyspace, out UInt128 token)
            ? map.Replicas(keyspace, token)
            : null;

    /// <summary>Records the cluster's partitioner (from system.local), which decides how tokens are computed.</summary>
    public void SetPartitioner(string? name)
    {
        if (!_options.TokenAwareRouting || name is null || _partitionerName == name)
        {
            return;
        }

        _partitionerName = name;
        _partitioner = Partitioner.FromName(name);
        if (_partitioner is null)
        {
            CassandraLog.PartitionerNotRouted(_logger, name);
        }
    }

    /// <summary>Rebuilds the ring from the nodes' tokens (after topology changes).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RebuildLocked();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Reads the keyspaces' replication settings and rebuilds the map; failures leave routing as it was.</summary>
    public async Task RefreshKeyspacesAsync(Connection connection, string? releaseVersion, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        Dictionary<string, ReplicationStrategy> keyspaces;
        try
        {
            keyspaces = await ReadKeyspacesAsync(connection, releaseVersion, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CassandraException ex)
        {
            CassandraLog.ReplicationUnread(_logger, ex.Message);
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _keyspaces = keyspaces;
            if (Volatile.Read(ref _map) is { } map)
            {
                Volatile.Write(ref _map, map.WithKeyspaces(keyspaces));
            }
            else
            {
                RebuildLocked();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private static async Task<Dictionary<string, ReplicationStrategy>> ReadKeyspacesAsync(Connection connection, string? releaseVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var keyspaces = new Dictionary<string, ReplicationStrategy>(StringComparer.Ordinal);
        if (SystemQueries.LegacySchemaTables(releaseVersion))
        {
            RowSet rows = await SystemQueries.QueryAsync(connection, "SELECT keyspace_name, strategy_class, strategy_options FROM system.schema_keyspaces", timeout, cancellationToken).ConfigureAwait(false);
            foreach (Row row in rows)
            {
                if (row.Get<string?>(0) is { } name && ReplicationStrategy.FromJson(row.Get<string?>(1), row.Get<string?>(2)) is { } strategy)
                {
                    keyspaces[name] = strategy;
                }
            }
        }
        else
        {
            RowSet rows = await SystemQueries.QueryAsync(connection, "SELECT keyspace_name, replication FROM system_schema.keyspaces", timeout, cancellationToken).ConfigureAwait(false);
            foreach (Row row in rows)
            {
                Dictionary<string, string>? replication = row.Get<Dictionary<string, string>?>(1);
                if (row.Get<string?>(0) is { } name && replication is not null && replication.TryGetValue("class", out string? strategyClass)
                    && ReplicationStrategy.From(strategyClass, replication) is { } strategy)
                {
                    keyspaces[name] = strategy;
                }
            }
        }

        return keyspaces;
    }

    private void RebuildLocked()
    {
        if (_partitioner is not { } partitioner)
        {
            return;
        }

        TokenMap? map = TokenMap.Build(partitioner, _topology.Hosts.Select(h => (h, h.Tokens)), _keyspaces);
        Volatile.Write(ref _map, map);
        if (map is not null)
        {
            CassandraLog.TokenMapBuilt(_logger, map.RingSize, _topology.Count, _keyspaces.Count);
        }
    }
}
