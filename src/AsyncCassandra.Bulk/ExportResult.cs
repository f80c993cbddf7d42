namespace AsyncCassandra.Bulk;

/// <summary>What an export wrote.</summary>
/// <param name="Path">The output file.</param>
/// <param name="Rows">Rows in the file (those of earlier runs resumed from the checkpoint included).</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Ranges">Token ranges the ring was cut into (this shard's).</param>
/// <param name="Elapsed">How long this run took.</param>
/// <param name="ResumedRanges">Ranges an earlier run had finished (from the checkpoint).</param>
public sealed record ExportResult(string Path, long Rows, long Bytes, int Ranges, TimeSpan Elapsed, int ResumedRanges);
