namespace AsyncCassandra.Generators.Cql;

/// <summary>One column of an ORDER BY clause.</summary>
/// <param name="Column">The clustering column.</param>
/// <param name="Descending">True for DESC.</param>
internal sealed record CqlOrdering(string Column, bool Descending);
