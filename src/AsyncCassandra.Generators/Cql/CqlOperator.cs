namespace AsyncCassandra.Generators.Cql;

/// <summary>The operator of a WHERE relation or IF condition.</summary>
internal enum CqlOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>IN (...)</c> or <c>IN ?</c></summary>
    In,

    /// <summary><c>CONTAINS</c></summary>
    Contains,

    /// <summary><c>CONTAINS KEY</c></summary>
    ContainsKey,

    /// <summary><c>LIKE</c> (SASI indexes)</summary>
    Like,

    /// <summary><c>IS NOT NULL</c> (materialized views)</summary>
    IsNotNull,

    /// <summary><c>NOT IN</c> (Cassandra 5.1)</summary>
    NotIn,

    /// <summary><c>NOT CONTAINS</c> (Cassandra 5.1)</summary>
    NotContains,

    /// <summary><c>NOT CONTAINS KEY</c> (Cassandra 5.1)</summary>
    NotContainsKey,

    /// <summary><c>BETWEEN a AND b</c> (Cassandra 5.1)</summary>
    Between,

    /// <summary><c>expr(index, 'query')</c>: a custom index expression (Cassandra 3.5)</summary>
    IndexExpression,
}
