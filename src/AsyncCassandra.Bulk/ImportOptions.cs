namespace AsyncCassandra.Bulk;

/// <summary>What <see cref="BulkOperations.ImportAsync"/> reads, and how it writes.</summary>
public sealed class ImportOptions
{
    /// <summary>The file to read: CSV with a header row of column names, or NDJSON (one object per line).</summary>
    public string InputPath { get; set; } = string.Empty;

    /// <summary>The file format: <see cref="BulkFormat.Csv"/> (default) or <see cref="BulkFormat.Ndjson"/>.</summary>
    public BulkFormat Format { get; set; } = BulkFormat.Csv;

    /// <summary>Writes in flight at once. Default 64. Memory is bounded by this many rows.</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>How many times a write that failed transiently (a timeout, an unavailable or overloaded node) is tried again; the writes are idempotent. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Stop the import once more rows than this have failed (<see cref="BulkException"/>; the report and checkpoint
    /// are kept). Null (the default): never stop; every failed row is reported and the import goes on. 0: stop at the first.
    /// </summary>
    public int? MaxErrors { get; set; }

    /// <summary>A CSV file (line,column,reason) listing every row that failed; null keeps only <see cref="ImportResult.Errors"/>.</summary>
    public string? ErrorReportPath { get; set; }

    /// <summary>
    /// A checkpoint file of the input position up to which every row is done. A run that stops and is started again
    /// with it continues there; rows after it may be written a second time with the same values (the writes are
    /// idempotent), none is lost.
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Consistency of the writes; null uses the session's default.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    /// <summary>Receives progress reports (rows written, bytes read, errors, rate, ETA from the share of the file read).</summary>
    public IProgress<BulkProgress>? Progress { get; set; }

    /// <summary>How often progress is reported (and the checkpoint written). Default 500 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    internal void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(InputPath), nameof(InputPath), InputPath, "a file path");
        Check(Format is BulkFormat.Csv or BulkFormat.Ndjson, nameof(Format), Format, "Csv or Ndjson (Parquet is export only)");
        Check(MaxInFlight >= 1, nameof(MaxInFlight), MaxInFlight, "at least 1");
        Check(MaxRetries >= 0, nameof(MaxRetries), MaxRetries, "0 or more");
        Check(MaxErrors is null or >= 0, nameof(MaxErrors), MaxErrors, "null or 0 or more");
        Check(ProgressInterval > TimeSpan.Zero, nameof(ProgressInterval), ProgressInterval, "positive");
    }

    private static void Check(bool valid, string name, object? value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"ImportOptions.{name} must be {expected} (was {value ?? "null"}).", name);
        }
    }
}
