namespace AsyncCassandra.Metadata;

/// <summary>A table's columns as the server describes them: the partition key in key order, the clustering columns, and every column in <c>SELECT *</c> order.</summary>
public sealed class TableMetadata
{
    /// <summary>Creates a table description.</summary>
    public TableMetadata(string keyspace, string name, IReadOnlyList<ColumnMetadata> columns)
    {
        ArgumentNullException.ThrowIfNull(keyspace);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        Keyspace = keyspace;
        Name = name;
        Columns = columns;
        PartitionKey = [.. columns.Where(c => c.Kind == ColumnKind.PartitionKey)];
        ClusteringColumns = [.. columns.Where(c => c.Kind == ColumnKind.Clustering)];
    }

    /// <summary>The table's keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The partition key columns, in key order.</summary>
    public IReadOnlyList<ColumnMetadata> PartitionKey { get; }

    /// <summary>The clustering columns, in clustering order.</summary>
    public IReadOnlyList<ColumnMetadata> ClusteringColumns { get; }

    /// <summary>Every column: partition key, clustering columns, then the others as <c>SELECT *</c> returns them.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The column of a name (exact match), or null.</summary>
    public ColumnMetadata? GetColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <inheritdoc />
    public override string ToString() => $"{Keyspace}.{Name}";
}
