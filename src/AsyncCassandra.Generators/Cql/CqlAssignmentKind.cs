namespace AsyncCassandra.Generators.Cql;

/// <summary>The forms of an UPDATE assignment.</summary>
internal enum CqlAssignmentKind
{
    /// <summary><c>c = value</c></summary>
    Set,

    /// <summary><c>c = c + value</c> or <c>c += value</c>: a counter increment or a collection append/union.</summary>
    Add,

    /// <summary><c>c = c - value</c> or <c>c -= value</c>: a counter decrement or a collection removal.</summary>
    Subtract,

    /// <summary><c>c = value + c</c>: a list prepend.</summary>
    Prepend,

    /// <summary><c>c[key] = value</c></summary>
    SetElement,

    /// <summary><c>c.field = value</c></summary>
    SetField,
}
