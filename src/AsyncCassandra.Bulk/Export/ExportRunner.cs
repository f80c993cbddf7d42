using System.Numerics;
using System.Threading.Channels;
using AsyncCassandra.Bulk.Progress;
using AsyncCassandra.Bulk.Ranges;
using AsyncCassandra.Bulk.Text;

namespace AsyncCassandra.Bulk.Export;

/// <summary>
/// An export: ranges are read concurrently, each into its own spool; one committer appends finished ranges to the
/// output whole and then records them in the checkpoint, so the output always holds whole ranges, each once.
/// </summary>
internal sealed class ExportRunner(AsyncSession session, string keyspace, string table, ExportOptions options)
{
    private readonly record struct Finished(ScanRange Range, RangeSpool Spool);

    public async Task<ExportResult> RunAsync(CancellationToken cancellationToken)
    {
        string output = Path.GetFullPath(options.OutputPath);
        string partial = output + ".partial";
        TableScan scan = await TableScan.CreateAsync(session, keyspace, table, options.Columns, null, options, cancellationToken).ConfigureAwait(false);
        string[] names = [.. scan.Columns.Select(c => c.Name)];
        CqlType[] types = [.. scan.Columns.Select(c => c.Type)];
        string job = $"export {keyspace}.{table} format={options.Format} columns={string.Join(",", names)} shard={options.Shard?.ToString() ?? "all"} partitioner={scan.Partitioner.Name}";

        await using CheckpointFile checkpoint = await CheckpointFile.OpenAsync(options.CheckpointPath is null ? null : Path.GetFullPath(options.CheckpointPath), job, cancellationToken).ConfigureAwait(false);
        List<ScanRange> remaining = RingSplitter.Subtract(scan.Ranges, checkpoint.Done);
        int resumed = scan.Ranges.Count - remaining.Count;
        if (checkpoint.IsComplete)
        {
            if (File.Exists(partial))
            {
                File.Move(partial, output, overwrite: true);
            }

            return new ExportResult(output, checkpoint.CommittedRows, new FileInfo(output).Length, scan.Ranges.Count, TimeSpan.Zero, scan.Ranges.Count);
        }

        RemoveSpills(output);
        RowEncoder encoder = RowEncoder.For(options.Format, names, types);
        await using IExportSink sink = options.Format == BulkFormat.Parquet
            ? new ParquetSink(partial, checkpoint.IsDurable ? output + ".rows" : null, names, types, options.ParquetRowGroupSize)
            : new TextSink(partial, encoder);
        await sink.OpenAsync(checkpoint.CommittedOffset, cancellationToken).ConfigureAwait(false);

        BigInteger remainingTokens = remaining.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Size);
        var done = new TokenShare(scan.TotalTokens, scan.TotalTokens - remainingTokens);
        double Fraction() => done.Fraction;
        await using var progress = new ProgressTracker(options.Progress, options.ProgressInterval, checkpoint.CommittedRows, resumed, scan.Ranges.Count, Fraction) { StartFraction = Fraction() };
        progress.SetBytes(sink.OutputBytes);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = Channel.CreateBounded<Finished>(new BoundedChannelOptions(options.Concurrency) { SingleReader = true });
        Task producer = ReadRangesAsync(scan, remaining, encoder, output, finished.Writer, progress, failed.Token);
        try
        {
            await CommitAsync(finished.Reader, sink, checkpoint, progress, done, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await DrainAsync(finished.Reader).ConfigureAwait(false);
            throw;
        }

        await producer.ConfigureAwait(false);
        long bytes = await sink.FinishAsync(cancellationToken).ConfigureAwait(false);
        progress.SetBytes(bytes);
        await checkpoint.MarkCompleteAsync(cancellationToken).ConfigureAwait(false);
        File.Move(partial, output, overwrite: true);
        sink.CleanUp();
        return new ExportResult(output, checkpoint.CommittedRows, bytes, scan.Ranges.Count, progress.Elapsed, resumed);
    }

    private async Task ReadRangesAsync(TableScan scan, List<ScanRange> ranges, RowEncoder encoder, string output, ChannelWriter<Finished> finished, ProgressTracker progress, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            await Parallel.ForEachAsync(ranges, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (range, ct) =>
            {
                RangeSpool? spool = null;
                using var scratch = new ByteBuilder();
                try
                {
                    await RangeReader.ReadAsync(session, scan, range, options, async attempt =>
                    {
                        if (spool is not null)
                        {
                            progress.AddRows(-spool.Rows);
                            await spool.DisposeAsync().ConfigureAwait(false);
                        }

                        spool = new RangeSpool($"{output}.range-{Guid.NewGuid():N}.tmp", options.RangeBufferBytes);
                    },
                    page =>
                    {
                        for (int row = 0; row < page.Count; row++)
                        {
                            encoder.Encode(page, row, spool!, scratch);
                        }

                        spool!.Rows += page.Count;
                        progress.AddRows(page.Count);
                        return ValueTask.CompletedTask;
                    },
                    ct).ConfigureAwait(false);
                    await finished.WriteAsync(new Finished(range, spool!), ct).ConfigureAwait(false);
                    spool = null;
                }
                finally
                {
                    if (spool is not null)
                    {
                        await spool.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            finished.TryComplete(error);
        }
    }

    /// <summary>Appends finished ranges (a batch of whatever is ready), makes them durable, then records them.</summary>
    private static async Task CommitAsync(ChannelReader<Finished> finished, IExportSink sink, CheckpointFile checkpoint, ProgressTracker progress, TokenShare done, CancellationToken cancellationToken)
    {
        var batch = new List<(ScanRange Range, long Rows)>();
        while (await finished.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            BigInteger tokens = BigInteger.Zero;
            while (batch.Count < 256 && finished.TryRead(out Finished item))
            {
                await using (item.Spool.ConfigureAwait(false))
                {
                    await sink.AppendAsync(item.Spool, cancellationToken).ConfigureAwait(false);
                    batch.Add((item.Range, item.Spool.Rows));
                    tokens += item.Range.Size;
                }
            }

            long offset = await sink.CommitAsync(checkpoint.IsDurable, cancellationToken).ConfigureAwait(false);
            await checkpoint.RecordAsync(batch, offset, cancellationToken).ConfigureAwait(false);
            done.Add(tokens);
            progress.SetBytes(sink.OutputBytes);
            foreach (var _ in batch)
            {
                progress.RangeDone();
            }
        }

        await finished.Completion.ConfigureAwait(false);
    }

    private static async Task DrainAsync(ChannelReader<Finished> finished)
    {
        while (finished.TryRead(out Finished item))
        {
            await item.Spool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Spill files of a run that was killed (a finished run leaves none).</summary>
    private static void RemoveSpills(string output)
    {
        string? directory = Path.GetDirectoryName(output);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        foreach (string leftover in Directory.EnumerateFiles(directory, Path.GetFileName(output) + ".range-*.tmp"))
        {
            File.Delete(leftover);
        }
    }
}
