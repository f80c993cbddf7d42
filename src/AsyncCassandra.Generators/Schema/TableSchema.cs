using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Schema;

/// <summary>A table (CREATE TABLE) with its columns and primary key.</summary>
/// <param name="Keyspace">The keyspace it belongs to (empty when declared with none).</param>
/// <param name="Name">The normalized name.</param>
/// <param name="Columns">The columns, in declaration order.</param>
/// <param name="PartitionKey">The partition key columns, in key order.</param>
/// <param name="ClusteringColumns">The clustering columns, in key order.</param>
internal sealed record TableSchema(
    string Keyspace,
    string Name,
    EquatableArray<ColumnSchema> Columns,
    EquatableArray<string> PartitionKey,
    EquatableArray<string> ClusteringColumns)
{
    /// <summary>The column with this normalized name, or null.</summary>
    public ColumnSchema? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>True when a column is a counter: then every non-key column is (Cassandra requires it).</summary>
    public bool IsCounterTable => Columns.Any(c => c.Type.IsCounter);
}
