namespace AsyncCassandra.Generators.Model;

/// <summary>The .NET shape of a collection value, which decides its codec.</summary>
internal enum CollectionShape
{
    /// <summary>Not a collection.</summary>
    None,

    /// <summary><c>List&lt;T&gt;</c>: <c>CqlCodecs.List</c>.</summary>
    List,

    /// <summary><c>HashSet&lt;T&gt;</c>: <c>CqlCodecs.Set</c>.</summary>
    HashSet,

    /// <summary><c>Dictionary&lt;K, V&gt;</c>: <c>CqlCodecs.Map</c>.</summary>
    Dictionary,

    /// <summary><c>IEnumerable&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>: read as a list.</summary>
    Sequence,

    /// <summary><c>T[]</c> (other than <c>byte[]</c>): read as a list, then copied.</summary>
    Array,

    /// <summary><c>ISet&lt;T&gt;</c>, <c>IReadOnlySet&lt;T&gt;</c>: read as a set.</summary>
    SetInterface,

    /// <summary><c>IDictionary&lt;K, V&gt;</c>, <c>IReadOnlyDictionary&lt;K, V&gt;</c>: read as a map.</summary>
    MapInterface,
}
