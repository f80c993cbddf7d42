namespace AsyncCassandra.Generators.Cql;

/// <summary>The kinds of selected item.</summary>
internal enum CqlSelectorKind
{
    /// <summary><c>*</c>: every column, in table order.</summary>
    Star,

    /// <summary>A plain column.</summary>
    Column,

    /// <summary>A field of a user-defined type column: <c>address.city</c>.</summary>
    Field,

    /// <summary>A function or aggregate call: <c>count(*)</c>, <c>writetime(c)</c>, <c>ttl(c)</c>, <c>token(a)</c>, <c>fn(x)</c>.</summary>
    Function,

    /// <summary><c>cast(c AS type)</c>.</summary>
    Cast,

    /// <summary>A literal or bind marker selected as a value.</summary>
    Term,

    /// <summary>An element or slice of a collection column: <c>m['k']</c>, <c>s[1..5]</c> (Cassandra 4.0).</summary>
    Element,

    /// <summary>Any other expression: arithmetic, a negation, a type hint, a collection or tuple of selectors (Cassandra 4.0).</summary>
    Expression,
}
