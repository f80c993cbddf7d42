namespace AsyncCassandra;

/// <summary>
/// How <see cref="AsyncSession.StreamAsync"/> pages through a result. A stream holds at most 1 + <see cref="PrefetchPages"/>
/// pages: the one being consumed and those fetched ahead.
/// </summary>
public sealed class StreamOptions
{
    /// <summary>Rows per page. Default 1000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Stop after this many pages; null reads them all.</summary>
    public int? MaxPages { get; set; }

    /// <summary>Pages fetched ahead of the one being consumed. Default 1: the next page is requested while the current one is read; 0 fetches on demand.</summary>
    public int PrefetchPages { get; set; } = 1;

    /// <summary>Called after each page arrives, with the page number (from 1), rows in it and rows so far. Use it to show progress.</summary>
    public Action<int, int, long>? OnPage { get; set; }

    /// <summary>How long fetching one page may take; null uses the statement's or session's request timeout.</summary>
    public TimeSpan? PageTimeout { get; set; }

    /// <summary>How long the whole stream may take; null for no limit. Exceeding it throws <see cref="TimeoutException"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// When a page fetch fails because its connection was lost (reset, closed, or every node unreachable for a moment),
    /// fetch that page again from the last paging state instead of failing the stream, up to
    /// <see cref="MaxResumes"/> times per stream. Only for idempotent statements (<see cref="Statement.IsIdempotent"/>,
    /// or a SELECT): a non-idempotent stream always fails with the connection error. Rows already yielded are not
    /// yielded again. Default false.
    /// </summary>
    public bool ResumeOnConnectionLoss { get; set; }

    /// <summary>How many times one stream may resume after a lost connection (see <see cref="ResumeOnConnectionLoss"/>). Default 3.</summary>
    public int MaxResumes { get; set; } = 3;

    internal void Validate()
    {
        if (PageSize < 1)
        {
            throw new ArgumentException($"StreamOptions.PageSize must be positive (was {PageSize}).");
        }

        if (PrefetchPages < 0)
        {
            throw new ArgumentException($"StreamOptions.PrefetchPages must be 0 or more (was {PrefetchPages}).");
        }

        if (MaxResumes < 0)
        {
            throw new ArgumentException($"StreamOptions.MaxResumes must be 0 or more (was {MaxResumes}).");
        }

        if (MaxPages is < 1)
        {
            throw new ArgumentException($"StreamOptions.MaxPages must be positive or null (was {MaxPages}).");
        }
    }
}
