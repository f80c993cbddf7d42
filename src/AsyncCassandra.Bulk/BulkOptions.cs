namespace AsyncCassandra.Bulk;

/// <summary>How a whole-table operation (<see cref="BulkOperations.CountAsync"/>, <see cref="BulkOperations.ExportAsync"/>) scans the ring.</summary>
public class BulkOptions
{
    /// <summary>
    /// Token ranges scanned at once. Default 4. Memory grows with it (see <see cref="PageSize"/>); so does the load
    /// on the cluster.
    /// </summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Rows per page. Default 1000. Each range in flight holds its current page and <see cref="PrefetchPages"/> more,
    /// so memory is bounded by about Concurrency x (1 + PrefetchPages) x PageSize rows, not by the table's size.
    /// </summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Pages fetched ahead within each range while the current one is consumed. Default 1.</summary>
    public int PrefetchPages { get; set; } = 1;

    /// <summary>
    /// How many ranges to cut the ring into. Null (the default): one per vnode range, and at least 16 x
    /// <see cref="Concurrency"/>; ranges are split in proportion to their size to reach the count.
    /// </summary>
    public int? SplitCount { get; set; }

    /// <summary>This run's share of the table (<c>i/n</c>); null for all of it.</summary>
    public Shard? Shard { get; set; }

    /// <summary>Consistency of the range queries; null uses the session's default.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    /// <summary>How long one page may take; null uses the session's request timeout.</summary>
    public TimeSpan? PageTimeout { get; set; }

    /// <summary>
    /// How many times a range that failed (a timeout, a node going down) is read again from its start before the
    /// operation fails. Default 3.
    /// </summary>
    public int RangeRetries { get; set; } = 3;

    /// <summary>Receives progress reports (at most every <see cref="ProgressInterval"/>, and once at the end).</summary>
    public IProgress<BulkProgress>? Progress { get; set; }

    /// <summary>How often progress is reported. Default 500 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    internal virtual void Validate()
    {
        Check(Concurrency >= 1, nameof(Concurrency), Concurrency, "at least 1");
        Check(PageSize >= 1, nameof(PageSize), PageSize, "at least 1");
        Check(PrefetchPages >= 0, nameof(PrefetchPages), PrefetchPages, "0 or more");
        Check(SplitCount is null or >= 1, nameof(SplitCount), SplitCount, "null or at least 1");
        Check(RangeRetries >= 0, nameof(RangeRetries), RangeRetries, "0 or more");
        Check(ProgressInterval > TimeSpan.Zero, nameof(ProgressInterval), ProgressInterval, "positive");
    }

    private protected void Check(bool valid, string name, object? value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"{GetType().Name}.{name} must be {expected} (was {value ?? "null"}).", name);
        }
    }
}
