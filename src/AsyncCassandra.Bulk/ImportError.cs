namespace AsyncCassandra.Bulk;

/// <summary>A row that could not be imported.</summary>
/// <param name="Line">The line of the input where the row starts (1-based; the CSV header is line 1).</param>
/// <param name="Column">The column whose value was wrong, or null when the row as a whole failed (a rejected write, bad JSON).</param>
/// <param name="Reason">What was wrong, and what was expected.</param>
public sealed record ImportError(long Line, string? Column, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Column is null ? $"line {Line}: {Reason}" : $"line {Line}, column {Column}: {Reason}";
}
