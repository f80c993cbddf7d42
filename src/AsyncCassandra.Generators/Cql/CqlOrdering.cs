namespace AsyncCassandra.Generators.Cql;

/// <summary>One column of an ORDER BY clause.</summary>
/// <param name="Column">The clustering column, or the vector column of an ANN OF ordering.</param>
/// <param name="Descending">True for DESC.</param>
internal sealed record CqlOrdering(string Column, bool Descending)
{
    /// <summary><c>ORDER BY v ANN OF [...]</c> (Cassandra 5.0 vector search): rows nearest to the vector first.</summary>
    public bool IsAnn { get; init; }
}
