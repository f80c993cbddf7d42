using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Schema;

/// <summary>A column of a table as declared in schema.cql.</summary>
/// <param name="Name">The normalized name (unquoted names lowercased).</param>
/// <param name="Type">The declared type.</param>
/// <param name="Kind">Partition key, clustering, regular or static.</param>
internal sealed record ColumnSchema(string Name, CqlTypeRef Type, ColumnKind Kind)
{
    public bool IsPrimaryKey => Kind is ColumnKind.PartitionKey or ColumnKind.Clustering;
}
