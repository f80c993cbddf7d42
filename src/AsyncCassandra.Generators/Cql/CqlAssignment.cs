namespace AsyncCassandra.Generators.Cql;

/// <summary>One assignment of an UPDATE's SET clause.</summary>
/// <param name="Column">The column assigned.</param>
/// <param name="Kind">How it is assigned.</param>
internal sealed record CqlAssignment(string Column, CqlAssignmentKind Kind);
