namespace AsyncCassandra.Metadata;

/// <summary>The role of a column in its table.</summary>
public enum ColumnKind
{
    /// <summary>A column of the partition key.</summary>
    PartitionKey,

    /// <summary>A clustering column (orders rows within a partition).</summary>
    Clustering,

    /// <summary>A regular column.</summary>
    Regular,

    /// <summary>A static column (one value per partition).</summary>
    Static,
}
