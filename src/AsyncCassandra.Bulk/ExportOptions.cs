namespace AsyncCassandra.Bulk;

/// <summary>What <see cref="BulkOperations.ExportAsync"/> writes, and where.</summary>
public sealed class ExportOptions : BulkOptions
{
    /// <summary>The file to write. It holds the complete export once the call returns (it is written as <c>FILE.partial</c> and renamed at the end).</summary>
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>The file format. Default CSV.</summary>
    public BulkFormat Format { get; set; } = BulkFormat.Csv;

    /// <summary>The columns to export, in order; null exports every column (partition key, clustering columns, then the rest).</summary>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>
    /// A checkpoint file of finished ranges. When set, a run that stops (killed, a node lost) and is started again with
    /// the same options and checkpoint continues where it stopped, and the output ends with every row exactly once.
    /// Null: no resume.
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>
    /// Rows per Parquet row group. Default 16,384: Parquet.Net holds a row group's encoded columns in memory while it
    /// writes them, so this bounds a Parquet export's memory (larger groups give a slightly smaller file).
    /// </summary>
    public int ParquetRowGroupSize { get; set; } = 16_384;

    /// <summary>
    /// Bytes of a range's rows kept in memory before they spill to a temporary file beside the output (ranges are
    /// appended to the output whole, so a kill never leaves half a range in it). Default 4 MiB.
    /// </summary>
    public int RangeBufferBytes { get; set; } = 4 << 20;

    internal override void Validate()
    {
        base.Validate();
        Check(!string.IsNullOrWhiteSpace(OutputPath), nameof(OutputPath), OutputPath, "a file path");
        Check(ParquetRowGroupSize >= 1, nameof(ParquetRowGroupSize), ParquetRowGroupSize, "at least 1");
        Check(RangeBufferBytes >= 4096, nameof(RangeBufferBytes), RangeBufferBytes, "at least 4096");
        Check(Enum.IsDefined(Format), nameof(Format), Format, "Csv, Ndjson or Parquet");
    }
}
