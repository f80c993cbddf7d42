using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Execution;

/// <summary>
/// True async paging: a pump requests pages into a bounded channel while the consumer reads the current one, so no
/// thread waits for a page and at most 1 + <see cref="StreamOptions.PrefetchPages"/> pages are held (a permit per
/// page: the one consumed, those buffered, and the one being fetched). Leaving early cancels the pump; an error
/// mid-stream surfaces on the consumer's next read and ends only that stream.
/// </summary>
internal sealed class PagePump
{
    private readonly SessionScope _scope;
    private readonly RequestExecutor _executor;

    public PagePump(SessionScope scope, RequestExecutor executor)
    {
        _scope = scope;
        _executor = executor;
    }

    public async IAsyncEnumerable<RowSet> StreamAsync(Statement statement, StreamOptions? options, ResultBuffers ownership, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // No options: pages of the statement's size, else the session's DefaultPageSize.
        options ??= new StreamOptions { PageSize = _scope.Options.DefaultPageSize };
        options.Validate();
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _scope.DisposedToken);
        if (options.Timeout is { } total)
        {
            streamCts.CancelAfter(total);
        }

        using var permits = new SemaphoreSlim(1 + options.PrefetchPages);
        var pages = Channel.CreateBounded<RowSet>(new BoundedChannelOptions(Math.Max(1, options.PrefetchPages)) { SingleReader = true, SingleWriter = true });
        Task pump = PumpAsync(statement, options, ownership, permits, pages.Writer, streamCts.Token);
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
                catch (OperationCanceledException) when (options.Timeout is { } t && !cancellationToken.IsCancellationRequested && !_scope.IsDisposed)
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

    private const int ResumeDelayMs = 100;

    /// <summary>Pages fetched again after a lost connection (<see cref="StreamOptions.ResumeOnConnectionLoss"/>), over every stream (tests).</summary>
    internal static int Resumed;

    /// <summary>A failure to reach or keep a node, as opposed to an answer from it.</summary>
    private static bool IsConnectionLoss(CassandraException error) => error switch
    {
        ConnectionException => true,
        NoHostAvailableException none => none.Errors.Count > 0 && none.Errors.Values.All(e => e is ConnectionException or Connections.BusyConnectionException),
        _ => false,
    };

    private async Task PumpAsync(Statement statement, StreamOptions options, ResultBuffers ownership, SemaphoreSlim permits, ChannelWriter<RowSet> pages, CancellationToken token)
    {
        Exception? error = null;
        try
        {
            await Task.Yield();
            byte[]? pagingState = statement.PagingState;
            int number = 0;
            int resumes = 0;
            long total = 0;
            RequestDefaults defaults = _executor.Defaults() with { PageSizeOverride = statement.PageSize ?? options.PageSize };
            while (true)
            {
                await permits.WaitAsync(token).ConfigureAwait(false);
                RowSet page;
                while (true)
                {
                    try
                    {
                        page = await _executor.ExecuteAsync(statement, defaults with { PagingStateOverride = pagingState }, options.PageTimeout ?? statement.Timeout, ownership, token).ConfigureAwait(false);
                        break;
                    }
                    catch (CassandraException ex) when (resumes < options.MaxResumes && options.ResumeOnConnectionLoss && statement.Idempotent && IsConnectionLoss(ex) && !token.IsCancellationRequested)
                    {
                        // The page was not received: ask for it again from the same paging state once the pool has
                        // had a moment to reconnect. Rows already handed out are not fetched again.
                        resumes++;
                        Interlocked.Increment(ref Resumed);
                        await Task.Delay(ResumeDelayMs * resumes, token).ConfigureAwait(false);
                    }
                }

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
