namespace AsyncCassandra.Generators.Cql;

/// <summary>The left-hand side of a WHERE relation or IF condition.</summary>
internal enum CqlRelationTarget
{
    /// <summary>A column: <c>id = ?</c>.</summary>
    Column,

    /// <summary>An element of a collection column: <c>m[?] = ?</c>.</summary>
    Element,

    /// <summary>A field of a user-defined type column: <c>address.city = ?</c>.</summary>
    Field,

    /// <summary>A tuple of clustering columns: <c>(a, b) &gt; (?, ?)</c>.</summary>
    ColumnTuple,

    /// <summary>The partition token: <c>token(a, b) &gt; ?</c>.</summary>
    Token,

    /// <summary>A custom index expression: <c>expr(my_index, 'query')</c>; <see cref="CqlRelation.Columns"/> is empty.</summary>
    CustomIndex,
}
