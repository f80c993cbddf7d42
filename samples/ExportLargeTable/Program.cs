// ExportLargeTable: exports a whole table by token range to CSV, NDJSON or Parquet with a live progress bar, resumable
// from a checkpoint and shardable across machines; --import FILE writes such a file back.
using System.Diagnostics;
using System.Globalization;
using AsyncCassandra;
using AsyncCassandra.Bulk;
using AsyncCassandra.Testing;
using ExportLargeTable;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Arguments.Usage);
    return args.Length == 0 ? 2 : 0;
}

Arguments arguments;
try
{
    arguments = Arguments.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
CancellationToken ct = cts.Token;

CassandraOptions options = CassandraOptions.FromEnvironment();
options.RequestTimeout = TimeSpan.FromSeconds(60);
try
{
    await using CassandraTestCluster? embedded = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 }
        ? null
        : await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = line => Console.Error.WriteLine("[local node] " + line) }, ct);
    if (embedded is not null)
    {
        options.ContactPoints.Clear();
        foreach (string point in embedded.ContactPoints)
        {
            options.ContactPoints.Add(point);
        }

        options.Port = embedded.Port;
    }

    await using var cluster = new AsyncCluster(options);
    await using AsyncSession session = await cluster.ConnectAsync(ct);
    if (arguments.DemoRows is { } demo)
    {
        await DemoTable.EnsureAsync(session, arguments.Keyspace, arguments.Table, demo, ct);
    }

    var bulk = new BulkOperations(session);
    var clock = Stopwatch.StartNew();
    if (arguments.Import is { } input)
    {
        ImportResult imported = await ProgressView.RunAsync($"import {arguments.Keyspace}.{arguments.Table}", progress => bulk.ImportAsync(arguments.Keyspace, arguments.Table, new ImportOptions
        {
            InputPath = input,
            Format = arguments.Format,
            MaxInFlight = arguments.MaxInFlight,
            MaxErrors = arguments.MaxErrors,
            CheckpointPath = arguments.Checkpoint,
            ErrorReportPath = arguments.Errors,
            Progress = progress,
        }, ct));
        foreach (ImportError error in imported.Errors.Take(20))
        {
            Console.WriteLine("  " + error);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported rows={imported.Rows} errors={imported.ErrorCount} seconds={clock.Elapsed.TotalSeconds:0.00} rows_s={imported.Rows / Math.Max(1e-3, clock.Elapsed.TotalSeconds):0} peak_rss_mb={PeakRssMegabytes():0.0}"));
        return imported.ErrorCount == 0 ? 0 : 1;
    }

    ExportResult result = await ProgressView.RunAsync($"export {arguments.Keyspace}.{arguments.Table}", progress => bulk.ExportAsync(arguments.Keyspace, arguments.Table, new ExportOptions
    {
        OutputPath = arguments.Out!,
        Format = arguments.Format,
        Concurrency = arguments.Concurrency,
        PageSize = arguments.PageSize,
        CheckpointPath = arguments.Checkpoint,
        Shard = arguments.Shard,
        Columns = arguments.Columns,
        Progress = progress,
    }, ct));
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"exported rows={result.Rows} seconds={seconds:0.00} rows_s={result.Rows / Math.Max(1e-3, seconds):0} file={result.Path} bytes={result.Bytes} ranges={result.Ranges} resumed_ranges={result.ResumedRanges} peak_rss_mb={PeakRssMegabytes():0.0}"));
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled. Run again with the same --checkpoint to continue.");
    return 130;
}
catch (Exception ex) when (ex is BulkException or CassandraException or TimeoutException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{ex.GetType().Name}: {ex.Message}");
    return 1;
}

// The process's peak resident memory (VmHWM on Linux).
static double PeakRssMegabytes()
{
    using Process self = Process.GetCurrentProcess();
    return self.PeakWorkingSet64 / (1024.0 * 1024.0);
}
