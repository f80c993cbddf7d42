using System.Globalization;
using System.Text.RegularExpressions;
using ParquetSharp;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>
/// The export sample run as separate processes, the way users run it: killed with SIGKILL mid-run and started again
/// with the same checkpoint (export and import), three shard processes, and the peak memory of a 1,000,000-row export.
/// </summary>
[Collection(BulkNodeCollection.Name)]
public sealed partial class ProcessTests(BulkNodeFixture node, ITestOutputHelper output)
{
    private const int Partitions = 200;
    private const int RowsPerPartition = 100;

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Export_killed_twice_and_resumed_holds_every_row_exactly_once(string format)
    {
        string table = "resumable_" + format;
        await node.LoadNumberedAsync(table, Partitions, RowsPerPartition);
        string file = Path.Combine(node.Directory, table + "." + format);
        string checkpoint = file + ".checkpoint";
        string[] arguments = ["--keyspace", "bulk", "--table", table, "--format", format, "--out", file, "--checkpoint", checkpoint, "--concurrency", "2", "--page-size", "20"];

        // Two runs killed at different points (after the first ranges, then well into the rest), a third that finishes.
        int killed = 0;
        foreach (int ranges in new[] { 3, 60 })
        {
            using ChildProcess run = ChildProcess.StartSample(node.ChildEnvironment(), arguments);
            bool running = await WaitForAsync(() => DoneRanges(checkpoint) >= ranges, run, TimeSpan.FromMinutes(2));
            Assert.True(running || run.ExitCode == 0, run.Output);
            if (running)
            {
                await Task.Delay(Random.Shared.Next(0, 60));
                run.Kill();
                killed++;
                output.WriteLine($"killed after {DoneRanges(checkpoint)} ranges");
                Assert.DoesNotContain("complete", File.ReadAllText(checkpoint), StringComparison.Ordinal);
            }
        }

        Assert.True(killed >= 1, "no run could be killed before it finished");
        output.WriteLine($"{killed} run(s) killed");
        using ChildProcess last = ChildProcess.StartSample(node.ChildEnvironment(), arguments);
        Assert.True(await last.WaitAsync(TimeSpan.FromMinutes(3)) == 0, last.Output);
        output.WriteLine(last.Output);
        Assert.Matches(@"resumed_ranges=[1-9]", last.Output);
        Assert.False(File.Exists(file + ".partial"));
        Assert.False(File.Exists(file + ".rows"));

        List<(int P, int C, string V)> rows = format == "csv" ? ReadCsv(file) : ReadParquet(file);
        AssertEachRowOnce(rows, Partitions * RowsPerPartition);
    }

    [Fact]
    public async Task Import_killed_and_resumed_writes_every_row_with_its_value()
    {
        await node.LoadNumberedAsync("import_source", Partitions, RowsPerPartition);
        string file = Path.Combine(node.Directory, "import_source.csv");
        await new BulkOperations(node.Session).ExportAsync("bulk", "import_source", new ExportOptions { OutputPath = file });
        await node.Session.ExecuteAsync("DROP TABLE IF EXISTS bulk.import_target");
        await node.Session.ExecuteAsync("CREATE TABLE bulk.import_target (p int, c int, v text, PRIMARY KEY (p, c))");
        string checkpoint = file + ".import-checkpoint";
        string[] arguments = ["--keyspace", "bulk", "--table", "import_target", "--import", file, "--checkpoint", checkpoint, "--max-in-flight", "4"];

        using (ChildProcess first = ChildProcess.StartSample(node.ChildEnvironment(), arguments))
        {
            Assert.True(await WaitForAsync(() => ImportedRows(checkpoint) >= 1500, first, TimeSpan.FromMinutes(2)), "the import finished before it could be killed:\n" + first.Output);
            await Task.Delay(Random.Shared.Next(0, 100));
            first.Kill();
        }

        long before = ImportedRows(checkpoint);
        output.WriteLine($"killed with {before} rows checkpointed");
        Assert.InRange(before, 1500, Partitions * RowsPerPartition - 1);
        using ChildProcess second = ChildProcess.StartSample(node.ChildEnvironment(), arguments);
        Assert.True(await second.WaitAsync(TimeSpan.FromMinutes(3)) == 0, second.Output);
        output.WriteLine(second.Output);
        Assert.Contains($"imported rows={Partitions * RowsPerPartition} errors=0", second.Output, StringComparison.Ordinal);

        var written = new List<(int, int, string)>();
        await foreach (Row row in node.Session.StreamAsync(new SimpleStatement("SELECT p, c, v FROM bulk.import_target"), new StreamOptions { PageSize = 5000 }))
        {
            written.Add((row.Get<int>(0), row.Get<int>(1), row.Get<string>(2)));
        }

        AssertEachRowOnce(written, Partitions * RowsPerPartition);
    }

    [Fact]
    public async Task Three_shard_processes_together_export_each_row_once()
    {
        await node.LoadNumberedAsync("sharded", Partitions, RowsPerPartition);
        var runs = new List<(ChildProcess Process, string File)>();
        for (int i = 1; i <= 3; i++)
        {
            string file = Path.Combine(node.Directory, $"sharded-{i}.csv");
            runs.Add((ChildProcess.StartSample(node.ChildEnvironment(), "--keyspace", "bulk", "--table", "sharded", "--format", "csv", "--out", file, "--shard", $"{i}/3"), file));
        }

        var all = new List<(int P, int C, string V)>();
        foreach ((ChildProcess process, string file) in runs)
        {
            using (process)
            {
                Assert.True(await process.WaitAsync(TimeSpan.FromMinutes(3)) == 0, process.Output);
            }

            List<(int P, int C, string V)> share = ReadCsv(file);
            output.WriteLine($"{Path.GetFileName(file)}: {share.Count} rows");
            Assert.InRange(share.Count, 1, Partitions * RowsPerPartition - 1);
            all.AddRange(share);
        }

        AssertEachRowOnce(all, Partitions * RowsPerPartition);
    }

    /// <summary>
    /// Peak RSS of the process exporting a 1,000,000-row table (124 MiB of CSV) with Concurrency 4 and pages of 1,000
    /// rows; measured at 65 MiB, the bound leaves room for a noisy machine and stays below the file's size.
    /// </summary>
    private const double MemoryBoundMegabytes = 128;

    [Fact]
    public async Task Exporting_a_million_rows_keeps_peak_memory_within_the_bound()
    {
        const int partitions = 1000;
        const int rows = 1000;
        if (await new BulkOperations(node.Session).CountAsync("bulk", "million", new BulkOptions { Concurrency = 8 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : -1) != partitions * rows)
        {
            await node.LoadNumberedAsync("million", partitions, rows, valueLength: 120);
        }

        string file = Path.Combine(node.Directory, "million.csv");
        using (ChildProcess export = ChildProcess.StartSample(node.ChildEnvironment(), "--keyspace", "bulk", "--table", "million", "--format", "csv", "--out", file, "--concurrency", "4", "--page-size", "1000"))
        {
            Assert.True(await export.WaitAsync(TimeSpan.FromMinutes(5)) == 0, export.Output);
            output.WriteLine(export.Output);
            Match summary = SummaryLine().Match(export.Output);
            Assert.True(summary.Success, export.Output);
            Assert.Equal(partitions * rows, long.Parse(summary.Groups["rows"].Value, CultureInfo.InvariantCulture));
            long bytes = new FileInfo(file).Length;
            double peak = double.Parse(summary.Groups["rss"].Value, CultureInfo.InvariantCulture);
            output.WriteLine($"CSV: file {bytes / 1048576.0:0} MiB, peak RSS {peak:0} MiB");
            Assert.True(bytes / 1048576.0 > MemoryBoundMegabytes * 0.6, "the export should be large beside the bound");
            Assert.True(peak < MemoryBoundMegabytes, $"peak RSS {peak:0} MiB exceeds {MemoryBoundMegabytes} MiB");
            File.Delete(file);
        }

        // Parquet holds a row group (16,384 rows) being encoded besides the pages: its own, higher bound.
        string parquet = Path.Combine(node.Directory, "million.parquet");
        using (ChildProcess export = ChildProcess.StartSample(node.ChildEnvironment(), "--keyspace", "bulk", "--table", "million", "--format", "parquet", "--out", parquet, "--concurrency", "4", "--page-size", "1000"))
        {
            Assert.True(await export.WaitAsync(TimeSpan.FromMinutes(5)) == 0, export.Output);
            Match summary = SummaryLine().Match(export.Output);
            Assert.True(summary.Success, export.Output);
            Assert.Equal(partitions * rows, long.Parse(summary.Groups["rows"].Value, CultureInfo.InvariantCulture));
            double peak = double.Parse(summary.Groups["rss"].Value, CultureInfo.InvariantCulture);
            output.WriteLine($"Parquet: file {new FileInfo(parquet).Length / 1048576.0:0} MiB, peak RSS {peak:0} MiB");
            Assert.True(peak < ParquetMemoryBoundMegabytes, $"peak RSS {peak:0} MiB exceeds {ParquetMemoryBoundMegabytes} MiB");
            File.Delete(parquet);
        }
    }

    /// <summary>Parquet: measured at 185 MiB (Debug build) with row groups of 16,384 rows; 225-287 MiB with 65,536.</summary>
    private const double ParquetMemoryBoundMegabytes = 256;

    [GeneratedRegex(@"exported rows=(?<rows>\d+) .* peak_rss_mb=(?<rss>[\d.]+)")]
    private static partial Regex SummaryLine();

    private static void AssertEachRowOnce(List<(int P, int C, string V)> rows, int expected)
    {
        var seen = new HashSet<(int, int)>();
        foreach ((int p, int c, string v) in rows)
        {
            Assert.True(seen.Add((p, c)), $"row ({p}, {c}) appears twice");
            Assert.StartsWith($"{p:D5}/{c:D5}/", v, StringComparison.Ordinal);
        }

        Assert.Equal(expected, seen.Count);
    }

    private static List<(int P, int C, string V)> ReadCsv(string file)
    {
        string[] lines = File.ReadAllLines(file);
        Assert.Equal("p,c,v", lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), f[2]))];
    }

    private static List<(int P, int C, string V)> ReadParquet(string file)
    {
        using var reader = new ParquetFileReader(file);
        var rows = new List<(int, int, string)>();
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using RowGroupReader group = reader.RowGroup(g);
            int count = checked((int)group.MetaData.NumRows);
            int?[] p = group.Column(0).LogicalReader<int?>().ReadAll(count);
            int?[] c = group.Column(1).LogicalReader<int?>().ReadAll(count);
            string?[] v = group.Column(2).LogicalReader<string?>().ReadAll(count);
            for (int i = 0; i < count; i++)
            {
                rows.Add((p[i]!.Value, c[i]!.Value, v[i]!));
            }
        }

        return rows;
    }

    private static int DoneRanges(string checkpoint) => ReadLines(checkpoint).Count(l => l.StartsWith("done ", StringComparison.Ordinal));

    private static long ImportedRows(string checkpoint) =>
        ReadLines(checkpoint).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).Select(l => long.Parse(l.Split(' ')[3], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Last();

    private static string[] ReadLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Polls until the condition holds (true) or the process ends first (false).</summary>
    private static async Task<bool> WaitForAsync(Func<bool> condition, ChildProcess process, TimeSpan limit)
    {
        long deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        Task<int> exited = process.WaitAsync(limit);
        while (Environment.TickCount64 < deadline)
        {
            if (condition())
            {
                return true;
            }

            if (exited.IsCompleted)
            {
                return false;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The condition did not hold in time:\n" + process.Output);
    }
}
