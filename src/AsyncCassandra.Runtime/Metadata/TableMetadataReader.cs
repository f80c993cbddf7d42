namespace AsyncCassandra.Metadata;

/// <summary>Reads a table's columns: kinds and key positions from the schema tables (system.schema_columns before 3.0, system_schema.columns since), types from the server's description of <c>SELECT *</c>.</summary>
internal static class TableMetadataReader
{
    public static async Task<TableMetadata> ReadAsync(AsyncSession session, string keyspace, string table, CancellationToken cancellationToken)
    {
        RowSet local = await session.ExecuteAsync(new SimpleStatement("SELECT release_version FROM system.local WHERE key = 'local'"), cancellationToken).ConfigureAwait(false);
        string? version = local.Count > 0 ? local[0].Get<string?>(0) : null;
        bool legacy = version is null || version.StartsWith("1.", StringComparison.Ordinal) || version.StartsWith("2.", StringComparison.Ordinal);
        SimpleStatement schema = legacy
            ? new SimpleStatement("SELECT column_name, type, component_index FROM system.schema_columns WHERE keyspace_name = ? AND columnfamily_name = ?", keyspace, table)
            : new SimpleStatement("SELECT column_name, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?", keyspace, table);
        RowSet rows = await session.ExecuteAsync(schema, cancellationToken).ConfigureAwait(false);
        var kinds = new Dictionary<string, (ColumnKind Kind, int Position)>(StringComparer.Ordinal);
        foreach (Row row in rows)
        {
            if (row.Get<string?>(0) is not { } name)
            {
                continue;
            }

            ColumnKind kind = row.Get<string?>(1) switch
            {
                "partition_key" => ColumnKind.PartitionKey,
                "clustering_key" or "clustering" => ColumnKind.Clustering,
                "static" => ColumnKind.Static,
                _ => ColumnKind.Regular,
            };
            // 2.1 leaves component_index null for a single-column key.
            kinds[name] = (kind, row.Get<int?>(2) ?? 0);
        }

        if (kinds.Count == 0)
        {
            throw new InvalidQueryException($"Table {keyspace}.{table} does not exist (no columns in the schema tables). Check the keyspace and table names; names are case-sensitive.");
        }

        PreparedStatement all = await session.PrepareAsync($"SELECT * FROM {CqlIdentifier.Quote(keyspace)}.{CqlIdentifier.Quote(table)}", cancellationToken).ConfigureAwait(false);
        var columns = new List<(ColumnMetadata Column, int Order)>();
        foreach (ColumnDefinition definition in all.ResultColumns)
        {
            (ColumnKind kind, int position) = kinds.TryGetValue(definition.Name, out var known) ? known : (ColumnKind.Regular, 0);
            // Key columns first in key order, then the rest as SELECT * returns them.
            int order = kind switch
            {
                ColumnKind.PartitionKey => position,
                ColumnKind.Clustering => 1_000 + position,
                _ => 2_000 + definition.Index,
            };
            columns.Add((new ColumnMetadata(definition.Name, definition.Type, kind), order));
        }

        return new TableMetadata(keyspace, table, [.. columns.OrderBy(c => c.Order).Select(c => c.Column)]);
    }
}
