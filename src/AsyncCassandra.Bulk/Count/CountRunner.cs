using System.Numerics;
using AsyncCassandra.Bulk.Progress;
using AsyncCassandra.Bulk.Ranges;

namespace AsyncCassandra.Bulk.Count;

/// <summary>An exact count: <c>SELECT count(*)</c> of every range, each at a replica of it, summed.</summary>
internal static class CountRunner
{
    public static async Task<long> RunAsync(AsyncSession session, string keyspace, string table, BulkOptions options, CancellationToken cancellationToken)
    {
        TableScan scan = await TableScan.CreateAsync(session, keyspace, table, null, "count(*)", options, cancellationToken).ConfigureAwait(false);
        var done = new TokenShare(scan.TotalTokens, BigInteger.Zero);
        await using var progress = new ProgressTracker(options.Progress, options.ProgressInterval, 0, 0, scan.Ranges.Count, () => done.Fraction);
        long total = 0;
        await Parallel.ForEachAsync(scan.Ranges, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (range, ct) =>
        {
            long rows = 0;
            await RangeReader.ReadAsync(session, scan, range, options, _ =>
            {
                rows = 0;
                return ValueTask.CompletedTask;
            },
            page =>
            {
                // count(*) answers with one row; adding every row the stream yields keeps no assumption about it.
                for (int i = 0; i < page.Count; i++)
                {
                    rows += page[i].Get<long>(0);
                }

                return ValueTask.CompletedTask;
            },
            ct).ConfigureAwait(false);
            Interlocked.Add(ref total, rows);
            progress.AddRows(rows);
            progress.RangeDone();
            done.Add(range.Size);
        }).ConfigureAwait(false);
        return total;
    }
}
