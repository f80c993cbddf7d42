namespace AsyncCassandra.Generators.Model;

/// <summary>One column read per row.</summary>
/// <param name="Position">The selected item's position; -1 when the column is found by name (<c>SELECT *</c>).</param>
/// <param name="Column">The column's name (for <c>SELECT *</c>: the name to look up).</param>
/// <param name="Member">The index of the member it fills; -1 for a scalar result.</param>
/// <param name="Value">How it is read.</param>
/// <param name="Required">A missing column is an error (found by name only).</param>
internal sealed record ColumnReadModel(int Position, string Column, int Member, ValueModel Value, bool Required);
