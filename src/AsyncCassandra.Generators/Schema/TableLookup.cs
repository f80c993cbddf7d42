namespace AsyncCassandra.Generators.Schema;

/// <summary>The result of <see cref="CqlSchema.FindTable"/>.</summary>
/// <param name="Status">Whether, and why not, a table was found.</param>
/// <param name="Table">The table when <see cref="Status"/> is <see cref="TableLookupStatus.Found"/>.</param>
internal readonly record struct TableLookup(TableLookupStatus Status, TableSchema? Table);
