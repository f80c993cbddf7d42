using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AsyncCassandra;

public sealed partial class AsyncSession
{
    /// <summary>
    /// Streams every row of a result, page after page, with no thread blocked while a page is fetched: the next page
    /// is requested while the current one is consumed (<see cref="StreamOptions.PrefetchPages"/>). Leaving the
    /// <c>await foreach</c> early cancels what is in flight and releases the pages. An error mid-stream surfaces on the
    /// next row and ends only this stream.
    /// </summary>
    public async IAsyncEnumerable<Row> StreamAsync(Statement statement, StreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RowSet page in StreamRowSetsAsync(statement, options, cancellationToken).ConfigureAwait(false))
        {
            for (int i = 0; i < page.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return page.RowAt(i);
            }
        }
    }

    /// <summary>Streams a result page by page; see <see cref="StreamAsync"/>.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Row>> StreamPagesAsync(Statement statement, StreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RowSet page in StreamRowSetsAsync(statement, options, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>Streams a result as <see cref="RowSet"/> pages (advanced: generated repositories read pages with codecs).</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public async IAsyncEnumerable<RowSet> StreamRowSetsAsync(Statement statement, StreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        // No options: pages of the statement's size, else the session's DefaultPageSize.
        options ??= new StreamOptions { PageSize = _core.Options.DefaultPageSize };
        options.Validate();
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposedCts.Token);
        if (options.Timeout is { } total)
        {
            streamCts.CancelAfter(total);
        }

        // A permit per page held: the one consumed, those buffered, and the one being fetched.
        using var permits = new SemaphoreSlim(1 + options.PrefetchPages);
        var pages = Channel.CreateBounded<RowSet>(new BoundedChannelOptions(Math.Max(1, options.PrefetchPages)) { SingleReader = true, SingleWriter = true });
        Task pump = PumpPagesAsync(statement, options, permits, pages.Writer, streamCts.Token);
        bool holding = false;
        try
        {
            while (true)
            {
                if (holding)
                {
                    permits.Release();
                    holding = false;
                }

                bool more;
                try
                {
                    more = await pages.Reader.WaitToReadAsync(streamCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (options.Timeout is { } t && !cancellationToken.IsCancellationRequested && Volatile.Read(ref _disposed) == 0)
                {
                    throw new TimeoutException($"The stream did not finish within StreamOptions.Timeout ({t.TotalSeconds:0.###} s): {statement}");
                }

                if (!more || !pages.Reader.TryRead(out RowSet? page))
                {
                    break;
                }

                holding = true;
                yield return page;
            }
        }
        finally
        {
            streamCts.Cancel();
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        // The pump completes the channel with its error; surfacing it here ends only this stream.
        await pages.Reader.Completion.ConfigureAwait(false);
    }

    private async Task PumpPagesAsync(Statement statement, StreamOptions options, SemaphoreSlim permits, ChannelWriter<RowSet> pages, CancellationToken token)
    {
        Exception? error = null;
        try
        {
            await Task.Yield();
            byte[]? pagingState = statement.PagingState;
            int number = 0;
            long total = 0;
            RequestDefaults defaults = Defaults() with { PageSizeOverride = statement.PageSize ?? options.PageSize };
            while (true)
            {
                await permits.WaitAsync(token).ConfigureAwait(false);
                RowSet page = await ExecuteCoreAsync(statement, defaults with { PagingStateOverride = pagingState }, options.PageTimeout ?? statement.Timeout, token).ConfigureAwait(false);
                pagingState = page.PagingState;
                if (page.Count == 0 && number > 0)
                {
                    // The server may end a result with an empty page (it cannot know the previous one was the last).
                    permits.Release();
                    break;
                }

                number++;
                total += page.Count;
                options.OnPage?.Invoke(number, page.Count, total);
                await pages.WriteAsync(page, token).ConfigureAwait(false);
                if (pagingState is null || (options.MaxPages is { } max && number >= max))
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            pages.TryComplete(error is OperationCanceledException && token.IsCancellationRequested ? null : error);
        }
    }
}
