using AsyncCassandra.Bulk.Progress;
using AsyncCassandra.Bulk.Ranges;
using AsyncCassandra.Bulk.Text;
using AsyncCassandra.Metadata;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Bulk.Import;

/// <summary>
/// An import: records are read in order and written as prepared, idempotent INSERTs with a bounded number in flight;
/// a row that cannot be read or written is reported (line, column, reason) and the import goes on. The checkpoint
/// records the input position before which every record is done.
/// </summary>
internal sealed class ImportRunner(AsyncSession session, string keyspace, string table, ImportOptions options)
{
    private const int KeptErrors = 10_000;

    public async Task<ImportResult> RunAsync(CancellationToken cancellationToken)
    {
        string input = Path.GetFullPath(options.InputPath);
        if (!File.Exists(input))
        {
            throw new BulkException($"The input file {input} does not exist.");
        }

        TableMetadata described = await session.Cluster.Metadata.GetTableAsync(keyspace, table, cancellationToken).ConfigureAwait(false);
        if (described.Columns.Any(c => c.Type.Code == CqlTypeCode.Counter))
        {
            throw new BulkException($"{described} has counter columns, which cannot be written with INSERT; counter tables cannot be imported.");
        }

        long length = new FileInfo(input).Length;
        IReadOnlyList<ColumnMetadata> columns = described.Columns;
        (long Offset, long Line) first = (0, 1);
        if (options.Format == BulkFormat.Csv)
        {
            using var headerScanner = new InputScanner(Open(input), 0, 1);
            using var header = new CsvRecordReader(headerScanner);
            columns = MapHeader(described, header.ReadHeader());
            first = (headerScanner.Position, headerScanner.Line);
        }

        string job = $"import {keyspace}.{table} format={options.Format} input={input} size={length}";
        await using ImportCheckpoint checkpoint = await ImportCheckpoint.OpenAsync(options.CheckpointPath is null ? null : Path.GetFullPath(options.CheckpointPath), job, cancellationToken).ConfigureAwait(false);
        ImportPosition start = checkpoint.Position;
        if (checkpoint.IsComplete)
        {
            return new ImportResult(start.Rows, start.Errors, [], TimeSpan.Zero, start.Line);
        }

        if (start.Offset > first.Offset)
        {
            first = (start.Offset, start.Line);
        }

        using var reading = new InputScanner(Open(input), first.Offset, first.Line);
        using IRecordReader reader = options.Format == BulkFormat.Csv ? new CsvRecordReader(reading) : new NdjsonRecordReader(reading);
        long startLine = reading.Line;

        string names = string.Join(", ", columns.Select(c => TableScan.Quoted(c.Name)));
        string markers = string.Join(", ", columns.Select(_ => "?"));
        PreparedStatement insert = await session.PrepareAsync($"INSERT INTO {TableScan.Quoted(keyspace)}.{TableScan.Quoted(table)} ({names}) VALUES ({markers})", cancellationToken).ConfigureAwait(false);
        insert.IsIdempotent = true;
        insert.ConsistencyLevel = options.ConsistencyLevel ?? insert.ConsistencyLevel;
        bool unsetMissing = session.Cluster.ProtocolVersion >= 4;
        string[] columnNames = [.. columns.Select(c => c.Name)];

        using var report = new ErrorReport(options.ErrorReportPath is null ? null : Path.GetFullPath(options.ErrorReportPath), start.ReportOffset);
        var window = new CompletionWindow(reading.Position, reading.Line, start.Rows, start.Errors);
        var kept = new List<ImportError>();
        await using var progress = new ProgressTracker(options.Progress, options.ProgressInterval, start.Rows, 0, 0, () => length == 0 ? 1 : (double)window.Offset / length)
        {
            StartFraction = length == 0 ? 0 : (double)start.Offset / length,
        };

        // Not disposed: a write still running after a cancelled import releases it.
        var inFlight = new SemaphoreSlim(options.MaxInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long lastCheckpoint = Environment.TickCount64;
        Exception? fatal = null;
        var record = new InputRecord(columns.Count);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!reader.Read(record, columnNames))
                {
                    break;
                }

                progress.SetBytes(record.EndOffset);
                await inFlight.WaitAsync(stop.Token).ConfigureAwait(false);
                long sequence = window.Begin(record.EndOffset, record.NextLine);
                CqlWriter values = CqlWriter.Rent();
                ImportError? error = record.Error ?? Encode(record, columns, values, unsetMissing);
                record.Document?.Dispose();
                record.Document = null;
                if (error is not null)
                {
                    values.Dispose();
                    progress.AddError();
                    window.Complete(sequence, error);
                    inFlight.Release();
                }
                else
                {
                    _ = WriteAsync(insert.BindEncoded(columns.Count, values), values, record.Line, sequence, window, progress, inFlight, stop.Token);
                }

                if (options.MaxErrors is { } max && window.Errors > max)
                {
                    fatal = new BulkException($"The import stopped after {window.Errors} failed row(s) (ImportOptions.MaxErrors is {max}).{(options.ErrorReportPath is null ? string.Empty : $" See {options.ErrorReportPath}.")} Fix the input and run again with the same checkpoint to continue.");
                    break;
                }

                if (Environment.TickCount64 - lastCheckpoint >= options.ProgressInterval.TotalMilliseconds)
                {
                    lastCheckpoint = Environment.TickCount64;
                    await SaveAsync(window, report, checkpoint, kept, cancellationToken).ConfigureAwait(false);
                }
            }

            // Every write in flight ends before the last checkpoint.
            for (int i = 0; i < options.MaxInFlight; i++)
            {
                await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                await SaveAsync(window, report, checkpoint, kept, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (options.MaxErrors is { } limit && window.Errors > limit)
        {
            throw fatal ?? new BulkException($"The import stopped after {window.Errors} failed row(s) (ImportOptions.MaxErrors is {limit}).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await checkpoint.MarkCompleteAsync(cancellationToken).ConfigureAwait(false);
        ImportPosition end = window.Take().Position;
        return new ImportResult(end.Rows, end.Errors, kept, progress.Elapsed, startLine);
    }

    private static async Task SaveAsync(CompletionWindow window, ErrorReport report, ImportCheckpoint checkpoint, List<ImportError> kept, CancellationToken cancellationToken)
    {
        (ImportPosition position, List<ImportError> errors) = window.Take();
        kept.AddRange(errors.Take(Math.Max(0, KeptErrors - kept.Count)));
        report.Write(errors, checkpoint.IsDurable);
        await checkpoint.RecordAsync(position with { ReportOffset = report.Offset }, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(BoundStatement statement, CqlWriter values, long line, long sequence, CompletionWindow window, ProgressTracker progress, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        ImportError? error = null;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    RowSet done = await session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                    done.Recycle();
                    break;
                }
                catch (Exception ex) when (TableScan.IsTransient(ex) || ex is WriteTimeoutException)
                {
                    if (attempt >= options.MaxRetries)
                    {
                        error = new ImportError(line, null, $"The write failed {attempt + 1} time(s): {ex.Message}");
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << Math.Min(attempt, 6))), cancellationToken).ConfigureAwait(false);
                }
                catch (CassandraException ex)
                {
                    error = new ImportError(line, null, $"The server rejected the row: {ex.Message}");
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            error = new ImportError(line, null, "Cancelled.");
        }
        finally
        {
            values.Dispose();
            if (error is null)
            {
                progress.AddRows(1);
            }
            else
            {
                progress.AddError();
            }

            window.Complete(sequence, error);
            inFlight.Release();
        }
    }

    /// <summary>Encodes a record's values; the first value that is not its column's text form is the record's error.</summary>
    private static ImportError? Encode(InputRecord record, IReadOnlyList<ColumnMetadata> columns, CqlWriter values, bool unsetMissing)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            ColumnMetadata column = columns[i];
            try
            {
                if (record.Json[i] is { } json)
                {
                    int mark = values.BeginValue();
                    CqlTextParser.WriteJson(column.Type, json, values);
                    values.EndValue(mark);
                }
                else if (record.Missing[i] && unsetMissing && column.Kind is not (ColumnKind.PartitionKey or ColumnKind.Clustering))
                {
                    values.WriteUnsetValue();
                }
                else if (record.Values[i] is not { } text)
                {
                    if (column.Kind is ColumnKind.PartitionKey or ColumnKind.Clustering)
                    {
                        return new ImportError(record.Line, column.Name, $"{column.Name} is part of the primary key and cannot be null.");
                    }

                    values.WriteNullValue();
                }
                else
                {
                    int mark = values.BeginValue();
                    if (text.Length > 0)
                    {
                        CqlTextParser.Write(column.Type, text, values);
                    }

                    values.EndValue(mark);
                }
            }
            catch (FormatException ex)
            {
                return new ImportError(record.Line, column.Name, ex.Message);
            }
        }

        return null;
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);

    private static List<ColumnMetadata> MapHeader(TableMetadata table, List<string> header)
    {
        var columns = new List<ColumnMetadata>();
        foreach (string name in header)
        {
            ColumnMetadata column = table.GetColumn(name) ?? table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new BulkException($"The CSV header names '{name}', which {table} does not have. Its columns are: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            columns.Add(column);
        }

        if (table.PartitionKey.Concat(table.ClusteringColumns).FirstOrDefault(k => !columns.Contains(k)) is { } missing)
        {
            throw new BulkException($"The CSV header lacks '{missing.Name}', part of {table}'s primary key; every row needs it.");
        }

        return columns;
    }
}
