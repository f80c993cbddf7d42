namespace AsyncCassandra.Generators.Cql;

/// <summary>The clause of a statement that something (a bind marker) appears in.</summary>
internal enum CqlClause
{
    /// <summary>The selected columns of a SELECT.</summary>
    Selection,

    /// <summary>The VALUES (or JSON) part of an INSERT.</summary>
    Values,

    /// <summary>The SET part of an UPDATE, or the element selections of a DELETE.</summary>
    Set,

    /// <summary>WHERE.</summary>
    Where,

    /// <summary>IF conditions.</summary>
    If,

    /// <summary>USING TTL / TIMESTAMP.</summary>
    Using,

    /// <summary>LIMIT or PER PARTITION LIMIT.</summary>
    Limit,

    /// <summary>ORDER BY (the vector of <c>ANN OF</c>).</summary>
    OrderBy,

    /// <summary>GROUP BY.</summary>
    GroupBy,

    /// <summary>A statement that is only scanned for markers.</summary>
    Unknown,
}
