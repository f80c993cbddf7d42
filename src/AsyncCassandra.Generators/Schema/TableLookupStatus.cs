namespace AsyncCassandra.Generators.Schema;

/// <summary>The outcome of looking a table up in a schema.</summary>
internal enum TableLookupStatus
{
    /// <summary>Exactly one table matched.</summary>
    Found,

    /// <summary>The keyspace named is not in the schema.</summary>
    UnknownKeyspace,

    /// <summary>No table of that name (in that keyspace, or in any when none was named).</summary>
    UnknownTable,

    /// <summary>No keyspace was named and several keyspaces have a table of that name.</summary>
    Ambiguous,
}
