using System.Collections.Concurrent;
using AsyncCassandra.Cluster.Routing;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Partitioner = AsyncCassandra.Cluster.Routing.Partitioner;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

/// <summary>Token-aware routing: the token map, the keyspaces' replication, and partition keys of tables (for v3).</summary>
internal sealed partial class ClusterCore
{
    private readonly SemaphoreSlim _routingLock = new(1, 1);
    private readonly ConcurrentDictionary<(string Keyspace, string Table), Task<string[]?>> _partitionKeys = new();
    private TokenMap? _tokenMap;
    private Partitioner? _partitioner;
    private string? _partitionerName;
    private IReadOnlyDictionary<string, ReplicationStrategy> _keyspaceReplication = new Dictionary<string, ReplicationStrategy>();

    /// <summary>The Cassandra version of the node the control connection is on (which schema tables it has).</summary>
    private string? ControlReleaseVersion { get; set; }

    /// <summary>The current token map; null before discovery, with routing off, or under a partitioner the client cannot route for.</summary>
    public TokenMap? TokenMap => Volatile.Read(ref _tokenMap);

    /// <summary>The plan for a statement: its partition's replicas first when the statement's partition is known.</summary>
    public QueryPlan QueryPlan(Statement statement)
    {
        Host[]? replicas = null;
        if (Volatile.Read(ref _tokenMap) is { } map)
        {
            if (statement.RoutingToken is { } routing && statement.RoutingKeyspace is { } routingKeyspace)
            {
                replicas = map.Replicas(routingKeyspace, Metadata.TokenRouting.ToRing(map.Partitioner, routing));
            }
            else if (statement.TryGetRoutingToken(map.Partitioner, Version, out string keyspace, out UInt128 token))
            {
                replicas = map.Replicas(keyspace, token);
            }
        }

        int start = Interlocked.Increment(ref _roundRobin) & int.MaxValue;
        return replicas is { Length: > 1 }
            ? new(Volatile.Read(ref _hostArray), LocalDatacenter, start, replicas, Random.Shared.Next(replicas.Length))
            : new(Volatile.Read(ref _hostArray), LocalDatacenter, start, replicas);
    }

    /// <summary>Servers before 3.0 keep schema in system.schema_*; later ones in system_schema.*.</summary>
    private static bool LegacySchemaTables(string? releaseVersion) =>
        releaseVersion is null || releaseVersion.StartsWith("1.", StringComparison.Ordinal) || releaseVersion.StartsWith("2.", StringComparison.Ordinal);

    /// <summary>Reads the keyspaces' replication settings and rebuilds the token map; failures leave routing as it was.</summary>
    private async Task RefreshKeyspacesAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (!Options.TokenAwareRouting || _partitioner is null)
        {
            return;
        }

        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        var keyspaces = new Dictionary<string, ReplicationStrategy>(StringComparer.Ordinal);
        try
        {
            if (LegacySchemaTables(ControlReleaseVersion))
            {
                if (await connection.RequestAsync(new QueryRequest("SELECT keyspace_name, strategy_class, strategy_options FROM system.schema_keyspaces", parameters), cancellationToken).ConfigureAwait(false) is RowSet rows)
                {
                    foreach (Row row in rows)
                    {
                        if (row.Get<string?>(0) is { } name && ReplicationStrategy.FromJson(row.Get<string?>(1), row.Get<string?>(2)) is { } strategy)
                        {
                            keyspaces[name] = strategy;
                        }
                    }
                }
            }
            else if (await connection.RequestAsync(new QueryRequest("SELECT keyspace_name, replication FROM system_schema.keyspaces", parameters), cancellationToken).ConfigureAwait(false) is RowSet rows)
            {
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
        }
        catch (CassandraException ex)
        {
            Logger.LogWarning("Could not read the keyspaces' replication, token-aware routing keeps what it had: {Error}", ex.Message);
            return;
        }

        await _routingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _keyspaceReplication = keyspaces;
            if (Volatile.Read(ref _tokenMap) is { } map)
            {
                Volatile.Write(ref _tokenMap, map.WithKeyspaces(keyspaces));
            }
            else
            {
                RebuildTokenMapLocked();
            }
        }
        finally
        {
            _routingLock.Release();
        }
    }

    /// <summary>Records the cluster's partitioner (from system.local), which decides how tokens are computed.</summary>
    private void SetPartitioner(string? name)
    {
        if (!Options.TokenAwareRouting || name is null || _partitionerName == name)
        {
            return;
        }

        _partitionerName = name;
        _partitioner = Partitioner.FromName(name);
        if (_partitioner is null)
        {
            Logger.LogInformation("Partitioner {Partitioner} is not routed by token; statements go round-robin", name);
        }
    }

    /// <summary>Rebuilds the ring from the nodes' tokens (after topology changes).</summary>
    private async Task RebuildTokenMapAsync(CancellationToken cancellationToken)
    {
        if (!Options.TokenAwareRouting || _partitioner is null)
        {
            return;
        }

        await _routingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RebuildTokenMapLocked();
        }
        finally
        {
            _routingLock.Release();
        }
    }

    private void RebuildTokenMapLocked()
    {
        if (_partitioner is not { } partitioner)
        {
            return;
        }

        TokenMap? map = TokenMap.Build(partitioner, _hosts.Values.Select(h => (h, h.Tokens)), _keyspaceReplication);
        Volatile.Write(ref _tokenMap, map);
        if (map is not null)
        {
            Logger.LogDebug("Token map: {Tokens} tokens over {Nodes} node(s), {Keyspaces} routable keyspace(s)", map.RingSize, _hosts.Count, _keyspaceReplication.Count);
        }
    }

    /// <summary>A schema event: keyspace changes re-read replication; table changes forget the table's partition key.</summary>
    private void OnSchemaEvent(SchemaChange change)
    {
        if (change.Target == "KEYSPACE")
        {
            foreach ((string Keyspace, string Table) key in _partitionKeys.Keys)
            {
                if (key.Keyspace == change.Keyspace)
                {
                    _partitionKeys.TryRemove(key, out _);
                }
            }

            if (_control is { IsClosed: false } control)
            {
                RefreshKeyspacesAsync(control, _disposed.Token).Forget();
            }
        }
        else if (change.Target == "TABLE" && change.Name is { } table)
        {
            _partitionKeys.TryRemove((change.Keyspace, table), out _);
        }
    }

    /// <summary>
    /// For protocol v3, whose PREPARED result does not say which markers bind the partition key: the indexes of the
    /// markers named after the table's partition key columns, in key order, from the schema tables (read once per
    /// table). Empty when routing is off, a key column has no marker of its own name (named markers such as
    /// <c>:id</c>, <c>IN ?</c>) or the schema cannot be read.
    /// </summary>
    public async Task<IReadOnlyList<int>> PartitionKeyIndexesAsync(ColumnDefinitions variables, CancellationToken cancellationToken)
    {
        if (!Options.TokenAwareRouting || _partitioner is null || variables.Count == 0)
        {
            return [];
        }

        ColumnDefinition first = variables[0];
        var key = (first.Keyspace, first.Table);
        Task<string[]?> lookup = _partitionKeys.GetOrAdd(key, k => ReadPartitionKeyAsync(k.Keyspace, k.Table));
        string[]? columns;
        try
        {
            columns = await lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CassandraException)
        {
            _partitionKeys.TryRemove(new KeyValuePair<(string, string), Task<string[]?>>(key, lookup));
            Logger.LogDebug("Could not read the partition key of {Keyspace}.{Table}: {Error}", key.Keyspace, key.Table, ex.Message);
            return [];
        }

        if (columns is null)
        {
            return [];
        }

        var indexes = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            indexes[c] = -1;
            for (int v = 0; v < variables.Count; v++)
            {
                ColumnDefinition variable = variables[v];
                if (variable.Name == columns[c] && variable.Keyspace == first.Keyspace && variable.Table == first.Table)
                {
                    indexes[c] = v;
                    break;
                }
            }

            if (indexes[c] < 0)
            {
                return [];
            }
        }

        return indexes;
    }

    /// <summary>Whether the partition key of a table has been looked up and not invalidated since (tests).</summary>
    internal bool HasPartitionKeyOf(string keyspace, string table) => _partitionKeys.ContainsKey((keyspace, table));

    /// <summary>The partition key columns of a table, in order; null when the table is not found.</summary>
    private async Task<string[]?> ReadPartitionKeyAsync(string keyspace, string table)
    {
        if (_control is not { IsClosed: false } control)
        {
            throw new ConnectionException("The control connection is down.");
        }

        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        string literalKeyspace = keyspace.Replace("'", "''", StringComparison.Ordinal);
        string literalTable = table.Replace("'", "''", StringComparison.Ordinal);
        bool legacy = LegacySchemaTables(ControlReleaseVersion);
        string cql = legacy
            ? $"SELECT column_name, component_index, type FROM system.schema_columns WHERE keyspace_name = '{literalKeyspace}' AND columnfamily_name = '{literalTable}'"
            : $"SELECT column_name, position, kind FROM system_schema.columns WHERE keyspace_name = '{literalKeyspace}' AND table_name = '{literalTable}'";
        if (await control.RequestAsync(new QueryRequest(cql, parameters), _disposed.Token).ConfigureAwait(false) is not RowSet rows || rows.Count == 0)
        {
            return null;
        }

        var parts = new List<(int Position, string Name)>();
        foreach (Row row in rows)
        {
            if (row.Get<string?>(2) == "partition_key" && row.Get<string?>(0) is { } name)
            {
                // 2.1 leaves component_index null for a single-column key.
                parts.Add((row.Get<int?>(1) ?? 0, name));
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        parts.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return [.. parts.Select(p => p.Name)];
    }
}
