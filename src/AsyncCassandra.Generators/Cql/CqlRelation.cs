using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>One restriction of a WHERE clause or one IF condition.</summary>
/// <param name="Target">What the left-hand side is.</param>
/// <param name="Columns">The columns on the left-hand side (several for a column tuple or a token).</param>
/// <param name="Operator">The comparison.</param>
internal sealed record CqlRelation(CqlRelationTarget Target, EquatableArray<string> Columns, CqlOperator Operator);
