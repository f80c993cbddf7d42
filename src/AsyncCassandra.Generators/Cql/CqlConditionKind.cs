namespace AsyncCassandra.Generators.Cql;

/// <summary>Whether a write is conditional (a lightweight transaction), and how.</summary>
internal enum CqlConditionKind
{
    /// <summary>No IF clause.</summary>
    None,

    /// <summary><c>IF NOT EXISTS</c> (INSERT).</summary>
    IfNotExists,

    /// <summary><c>IF EXISTS</c> (UPDATE, DELETE).</summary>
    IfExists,

    /// <summary><c>IF column = value AND ...</c> (UPDATE, DELETE).</summary>
    IfConditions,
}
