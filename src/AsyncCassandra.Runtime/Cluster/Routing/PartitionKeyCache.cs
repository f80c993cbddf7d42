using System.Collections.Concurrent;
using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// For protocol v3, whose PREPARED result does not say which markers bind the partition key: each table's partition
/// key columns, read from the schema tables once per table and forgotten when the server announces a change to the
/// table (or its keyspace).
/// </summary>
internal sealed class PartitionKeyCache
{
    private readonly ConcurrentDictionary<(string Keyspace, string Table), Task<string[]?>> _keys = new();
    private readonly TokenRouting _routing;
    private readonly Func<(Connection? Connection, string? ReleaseVersion)> _control;
    private readonly ILogger _logger;
    private readonly CancellationToken _disposed;
    private readonly TimeSpan _timeout;

    public PartitionKeyCache(TokenRouting routing, Func<(Connection? Connection, string? ReleaseVersion)> control, TimeSpan timeout, ILogger logger, CancellationToken disposed)
    {
        _timeout = timeout;
        _routing = routing;
        _control = control;
        _logger = logger;
        _disposed = disposed;
    }

    /// <summary>
    /// The indexes of the markers named after the table's partition key columns, in key order. Empty when routing is
    /// off, a key column has no marker of its own name (named markers such as <c>:id</c>, <c>IN ?</c>) or the schema
    /// cannot be read.
    /// </summary>
    public async Task<IReadOnlyList<int>> IndexesAsync(ColumnDefinitions variables, CancellationToken cancellationToken)
    {
        if (!_routing.Enabled || variables.Count == 0)
        {
            return [];
        }

        ColumnDefinition first = variables[0];
        var key = (first.Keyspace, first.Table);
        Task<string[]?> lookup = _keys.GetOrAdd(key, k => ReadAsync(k.Keyspace, k.Table));
        string[]? columns;
        try
        {
            columns = await lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CassandraException ex)
        {
            _keys.TryRemove(new KeyValuePair<(string, string), Task<string[]?>>(key, lookup));
            CassandraLog.PartitionKeyUnread(_logger, key.Keyspace, key.Table, ex.Message);
            return [];
        }

        return columns is null ? [] : Match(columns, variables, first);
    }

    private static int[] Match(string[] columns, ColumnDefinitions variables, ColumnDefinition first)
    {
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

    /// <summary>Whether the partition key of a table is cached (tests).</summary>
    public bool Contains(string keyspace, string table) => _keys.ContainsKey((keyspace, table));

    /// <summary>Forgets a table's key, or every table of a keyspace when <paramref name="table"/> is null.</summary>
    public void Forget(string keyspace, string? table)
    {
        if (table is not null)
        {
            _keys.TryRemove((keyspace, table), out _);
            return;
        }

        foreach ((string Keyspace, string Table) key in _keys.Keys)
        {
            if (key.Keyspace == keyspace)
            {
                _keys.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The partition key columns of a table, in order; null when the table is not found.</summary>
    private async Task<string[]?> ReadAsync(string keyspace, string table)
    {
        (Connection? control, string? releaseVersion) = _control();
        if (control is not { IsClosed: false })
        {
            throw new ConnectionException("The control connection is down.");
        }

        string cql = SystemQueries.LegacySchemaTables(releaseVersion)
            ? "SELECT column_name, component_index, type FROM system.schema_columns WHERE keyspace_name = ? AND columnfamily_name = ?"
            : "SELECT column_name, position, kind FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?";
        RowSet rows = await SystemQueries.QueryAsync(control, cql, [keyspace, table], _timeout, _disposed).ConfigureAwait(false);
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
