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

        if (MaxPages is < 1)
        {
            throw new ArgumentException($"StreamOptions.MaxPages must be positive or null (was {MaxPages}).");
        }
    }
}
