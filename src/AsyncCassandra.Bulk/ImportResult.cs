namespace AsyncCassandra.Bulk;

/// <summary>What an import did.</summary>
/// <param name="Rows">Rows written (those of earlier runs resumed from the checkpoint included).</param>
/// <param name="ErrorCount">Rows that failed (earlier runs included).</param>
/// <param name="Errors">This run's failed rows, in input order (the first 10,000; the report file has them all).</param>
/// <param name="Elapsed">How long this run took.</param>
/// <param name="ResumedAtLine">The line this run started at (1 for a fresh run, after the header for CSV).</param>
public sealed record ImportResult(long Rows, long ErrorCount, IReadOnlyList<ImportError> Errors, TimeSpan Elapsed, long ResumedAtLine);
