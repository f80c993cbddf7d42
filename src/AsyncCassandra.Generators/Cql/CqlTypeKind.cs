namespace AsyncCassandra.Generators.Cql;

/// <summary>The shapes of a CQL type.</summary>
internal enum CqlTypeKind
{
    /// <summary>A native type: int, text, uuid, counter...</summary>
    Native,

    /// <summary><c>list&lt;T&gt;</c></summary>
    List,

    /// <summary><c>set&lt;T&gt;</c></summary>
    Set,

    /// <summary><c>map&lt;K, V&gt;</c></summary>
    Map,

    /// <summary><c>tuple&lt;T1, T2, ...&gt;</c></summary>
    Tuple,

    /// <summary><c>vector&lt;T, n&gt;</c> (Cassandra 5).</summary>
    Vector,

    /// <summary>A user-defined type, by name.</summary>
    UserDefined,

    /// <summary>A custom type given as a quoted Java class name.</summary>
    Custom,
}
