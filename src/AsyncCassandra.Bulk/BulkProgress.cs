namespace AsyncCassandra.Bulk;

/// <summary>Where a bulk operation stands: reported through <see cref="BulkOptions.Progress"/> or <see cref="ImportOptions.Progress"/>.</summary>
/// <param name="Rows">Rows read (export, count) or written (import) so far, including those of an earlier run resumed from the checkpoint.</param>
/// <param name="Bytes">Bytes written to the output (export) or read from the input (import).</param>
/// <param name="RangesDone">Token ranges finished (export, count); 0 for an import.</param>
/// <param name="RangesTotal">Token ranges in all (export, count); 0 for an import.</param>
/// <param name="Elapsed">Time since this run started.</param>
/// <param name="RowsPerSecond">Rows of this run per second of this run.</param>
/// <param name="EstimatedRemaining">Time left at the current rate, from the share of the ring (or of the input file) done; null until there is a rate.</param>
/// <param name="Errors">Rows that failed (import); 0 otherwise.</param>
public sealed record BulkProgress(long Rows, long Bytes, int RangesDone, int RangesTotal, TimeSpan Elapsed, double RowsPerSecond, TimeSpan? EstimatedRemaining, long Errors = 0)
{
    /// <summary>The share done, 0 to 1 (of the ring's tokens, or of the input's bytes).</summary>
    public double Fraction { get; init; }
}
