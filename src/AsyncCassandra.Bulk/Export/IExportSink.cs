namespace AsyncCassandra.Bulk.Export;

/// <summary>Where finished ranges go, one after another: a CSV or NDJSON file, or a Parquet file.</summary>
internal interface IExportSink : IAsyncDisposable
{
    /// <summary>Starts the output, or (resuming) cuts it back to what the checkpoint says was committed.</summary>
    Task OpenAsync(long committedOffset, CancellationToken cancellationToken);

    /// <summary>Appends a finished range.</summary>
    Task AppendAsync(RangeSpool spool, CancellationToken cancellationToken);

    /// <summary>Makes what was appended durable (when <paramref name="durable"/>) and returns the committed offset the checkpoint records.</summary>
    Task<long> CommitAsync(bool durable, CancellationToken cancellationToken);

    /// <summary>Bytes of the output file so far (for progress).</summary>
    long OutputBytes { get; }

    /// <summary>Ends the output (a Parquet footer) durably; returns the partial file's size.</summary>
    Task<long> FinishAsync(CancellationToken cancellationToken);

    /// <summary>Removes what only the run needed (the raw rows kept for a Parquet resume).</summary>
    void CleanUp();
}
