namespace AsyncCassandra;

/// <summary>
/// One page of a result, returned by repository methods declared as <c>Task&lt;CqlPage&lt;T&gt;&gt;</c>: its rows and
/// the state to pass back (as the method's <c>byte[]? pagingState</c> parameter) to fetch the next page.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class CqlPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The rows of the page.</param>
    /// <param name="pagingState">Where the next page starts; null on the last page.</param>
    public CqlPage(IReadOnlyList<T> items, byte[]? pagingState)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        PagingState = pagingState;
    }

    /// <summary>The rows of this page (possibly fewer than the page size, even before the last page).</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The state to pass to fetch the next page; null when this is the last page.</summary>
    public byte[]? PagingState { get; }

    /// <summary>True when another page may follow (<see cref="PagingState"/> is not null).</summary>
    public bool HasMorePages => PagingState is not null;
}
