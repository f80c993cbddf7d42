namespace AsyncCassandra.Generators.Model;

/// <summary>How a .NET type is carried as a CQL value.</summary>
internal enum ValueKind
{
    /// <summary>A type with a built-in codec (<c>CqlCodecs.Int32</c>, <c>CqlCodecs.String</c>, ...).</summary>
    Native,

    /// <summary>An enum: as its number, or as its name for a text column.</summary>
    Enum,

    /// <summary>A list, set or map (see <see cref="CollectionShape"/>).</summary>
    Collection,

    /// <summary>A value tuple: a CQL tuple.</summary>
    Tuple,

    /// <summary>A class, record or struct: a CQL user-defined type, fields matched to members by name.</summary>
    Udt,

    /// <summary><c>vector&lt;float, n&gt;</c> (Cassandra 5.0) as <c>float[]</c> or <c>ReadOnlyMemory&lt;float&gt;</c>; <see cref="ValueModel.Native"/> names the codec factory.</summary>
    Vector,

    /// <summary>No CQL mapping; <see cref="ValueModel.Unsupported"/> says why.</summary>
    Unsupported,
}
