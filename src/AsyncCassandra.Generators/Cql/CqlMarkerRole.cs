namespace AsyncCassandra.Generators.Cql;

/// <summary>What a bind marker supplies, which decides the CQL type of its value.</summary>
internal enum CqlMarkerRole
{
    /// <summary>A whole column value: <c>WHERE id = ?</c>, <c>VALUES (?)</c>, <c>SET c = ?</c>, <c>c = c + ?</c>, <c>IF c = ?</c>.</summary>
    Value,

    /// <summary>A list of column values: <c>WHERE id IN ?</c>.</summary>
    InList,

    /// <summary>A map key or list index in an element access: the <c>?</c> of <c>c[?]</c>.</summary>
    ElementKey,

    /// <summary>The value written to, or compared with, one element: <c>c[k] = ?</c>.</summary>
    ElementValue,

    /// <summary>An element of a collection: inside <c>[?, ?]</c> or <c>{?}</c>, a map literal's value, or <c>CONTAINS ?</c>.</summary>
    CollectionElement,

    /// <summary>A map key: inside <c>{?: v}</c>, or <c>CONTAINS KEY ?</c>.</summary>
    CollectionKey,

    /// <summary>One component of a tuple literal for a tuple column.</summary>
    TupleElement,

    /// <summary>A field of a user-defined type column: <c>SET address.city = ?</c>.</summary>
    Field,

    /// <summary>A whole tuple of columns: <c>WHERE (a, b) &gt; ?</c> or <c>(a, b) IN ?</c>.</summary>
    ColumnTuple,

    /// <summary>A partition token: <c>WHERE token(a, b) &gt; ?</c>.</summary>
    Token,

    /// <summary><c>LIMIT ?</c></summary>
    Limit,

    /// <summary><c>PER PARTITION LIMIT ?</c></summary>
    PerPartitionLimit,

    /// <summary><c>USING TTL ?</c></summary>
    Ttl,

    /// <summary><c>USING TIMESTAMP ?</c></summary>
    Timestamp,

    /// <summary>The JSON document of <c>INSERT ... JSON ?</c>.</summary>
    Json,

    /// <summary>An argument of a function call: <c>now()</c>, <c>minTimeuuid(?)</c>.</summary>
    FunctionArgument,

    /// <summary>The query of a custom index expression: <c>expr(index, ?)</c>.</summary>
    IndexExpression,

    /// <summary>A marker in a statement that is only scanned (CREATE, TRUNCATE...).</summary>
    Unknown,
}
