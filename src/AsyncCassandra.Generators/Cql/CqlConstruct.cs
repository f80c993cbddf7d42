namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// A construct of a statement that Cassandra 2.1's CQL did not have, with the release that added it: the statement
/// needs at least that version (<see cref="CqlStatement.MinimumVersion"/>).
/// </summary>
/// <param name="Name">What it is, as a message names it (<c>GROUP BY</c>, <c>ANN OF</c>).</param>
/// <param name="Version">The first Cassandra release whose grammar reads it (<c>3.10</c>).</param>
/// <param name="Offset">Where it starts in the CQL text.</param>
/// <param name="Length">Its length.</param>
internal sealed record CqlConstruct(string Name, CqlVersion Version, int Offset, int Length);
