namespace AsyncCassandra.Generators.Cql;

/// <summary>Which kinds of bind marker a statement uses.</summary>
internal enum CqlMarkerStyle
{
    /// <summary>No markers.</summary>
    None,

    /// <summary>Only <c>?</c>.</summary>
    Positional,

    /// <summary>Only <c>:name</c>.</summary>
    Named,

    /// <summary>Both; Cassandra accepts it but values can then be bound only by position, so repositories reject it.</summary>
    Mixed,
}
