using AsyncCassandra.Advanced;
namespace AsyncCassandra.Bulk.Ranges;

/// <summary>Reads one range page by page, starting over (up to the retries allowed) when a transient failure cuts it short.</summary>
internal static class RangeReader
{
    /// <summary>
    /// Calls <paramref name="start"/> before each attempt (to drop what a failed attempt produced), then
    /// <paramref name="page"/> for every page of the range.
    /// </summary>
    public static async Task ReadAsync(AsyncSession session, TableScan scan, ScanRange range, BulkOptions options, Func<int, ValueTask> start, Func<RowSet, ValueTask> page, CancellationToken cancellationToken)
    {
        var stream = new StreamOptions { PageSize = options.PageSize, PrefetchPages = options.PrefetchPages, PageTimeout = options.PageTimeout };
        for (int attempt = 0; ; attempt++)
        {
            await start(attempt).ConfigureAwait(false);
            try
            {
                await foreach (RowSet rows in session.StreamRowSetsAsync(scan.Bind(range, options), stream, cancellationToken).ConfigureAwait(false))
                {
                    await page(rows).ConfigureAwait(false);
                }

                return;
            }
            // A reply the client could not read (seen once in the tests: rows without metadata for a statement prepared
            // a moment before by three processes at once) fails the attempt, not the export: the range is read again.
            catch (Exception ex) when ((TableScan.IsTransient(ex) || ex is ProtocolException) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.RangeRetries)
                {
                    throw new BulkException($"Token range {range} of {scan.Table} failed {attempt + 1} time(s); last error: {ex.Message}. Raise BulkOptions.RangeRetries or PageTimeout, lower Concurrency or PageSize, or run again with the same checkpoint to resume.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << Math.Min(attempt, 5))), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
