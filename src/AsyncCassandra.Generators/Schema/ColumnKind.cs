namespace AsyncCassandra.Generators.Schema;

/// <summary>The part a column plays in its table.</summary>
internal enum ColumnKind
{
    /// <summary>Part of the partition key.</summary>
    PartitionKey,

    /// <summary>A clustering column.</summary>
    Clustering,

    /// <summary>An ordinary column.</summary>
    Regular,

    /// <summary>A STATIC column: one value per partition.</summary>
    Static,
}
