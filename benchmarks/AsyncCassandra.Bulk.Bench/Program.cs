// Bulk beside the plain ways, in one process and one run, on bench.wide (200,000 rows; load it first with the load
// tool: `dotnet run -c Release --project benchmarks/AsyncCassandra.LoadTool -- load`):
//   scan     one StreamAsync over SELECT * (page 5000), every column read as its typed value
//   csv, ndjson, parquet   BulkOperations.ExportAsync to a file (token ranges, Concurrency 4)
//   count    BulkOperations.CountAsync, beside `SELECT COUNT(*)` as one request
// --table KS.TABLE measures another table the same way. Each is repeated (--reps, default 3), interleaved; one result line each: `<kind> rep=N rows= seconds= rows_s=`.
//
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Bulk.Bench -- [--reps N] [--concurrency N] [--dir DIR]
// Node: CASSANDRA_CONTACT_POINTS (default 127.0.0.1), CASSANDRA_PORT.
using System.Diagnostics;
using System.Globalization;
using AsyncCassandra;
using AsyncCassandra.Bulk;

int reps = 3;
int concurrency = 4;
string keyspace = "bench";
string table = "wide";
string directory = Path.GetTempPath();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--dir": directory = args[++i]; break;
        case "--table":
            string[] name = args[++i].Split('.');
            (keyspace, table) = (name[0], name[1]);
            break;
        default:
            Console.Error.WriteLine("usage: AsyncCassandra.Bulk.Bench [--reps N] [--concurrency N] [--dir DIR] [--table KS.TABLE (default bench.wide)]");
            return 2;
    }
}

CassandraOptions options = CassandraOptions.FromEnvironment();
options.RequestTimeout = TimeSpan.FromMinutes(5);
await using var cluster = new AsyncCluster(options);
await using AsyncSession session = await cluster.ConnectAsync();
var bulk = new BulkOperations(session);
bool wide = keyspace == "bench" && table == "wide";
PreparedStatement all = await session.PrepareAsync(wide ? "SELECT pk, ck, a, b, c, d, e FROM bench.wide" : $"SELECT * FROM {keyspace}.{table}");

// Warm-up (not measured): one scan of 5,000 rows and one small export.
await foreach (Row _ in session.StreamAsync(new SimpleStatement($"SELECT * FROM {keyspace}.{table} LIMIT 5000"), new StreamOptions { PageSize = 5000 }))
{
}

await bulk.ExportAsync(keyspace, table, new ExportOptions { OutputPath = Path.Combine(directory, "warmup.csv"), Shard = new Shard(1, 20), Concurrency = concurrency });

for (int rep = 1; rep <= reps; rep++)
{
    await MeasureAsync("scan", rep, async () =>
    {
        long rows = 0;
        long checksum = 0;
        await foreach (Row row in session.StreamAsync(all.Bind(), new StreamOptions { PageSize = 5000 }))
        {
            rows++;
            if (wide)
            {
                checksum += row.Get<int>(0) + row.Get<int>(1) + row.Get<string>(2).Length + row.Get<long>(3) % 1000 + (long)row.Get<double>(4) % 1000 + row.Get<Guid>(5).ToByteArray(bigEndian: true)[15] + row.Get<DateTimeOffset>(6).Second;
            }
            else
            {
                for (int c = 0; c < row.Count; c++)
                {
                    checksum += row.GetValue(c)?.GetHashCode() ?? 0;
                }
            }
        }

        return (rows, $"chk={checksum}");
    });

    foreach (BulkFormat format in new[] { BulkFormat.Csv, BulkFormat.Ndjson, BulkFormat.Parquet })
    {
        string file = Path.Combine(directory, table + "." + format.ToString().ToLowerInvariant());
        await MeasureAsync(format.ToString().ToLowerInvariant(), rep, async () =>
        {
            ExportResult result = await bulk.ExportAsync(keyspace, table, new ExportOptions { OutputPath = file, Format = format, Concurrency = concurrency, PageSize = 5000 });
            return (result.Rows, $"bytes={result.Bytes} ranges={result.Ranges}");
        });
        File.Delete(file);
    }

    await MeasureAsync("count_bulk", rep, async () => (await bulk.CountAsync(keyspace, table, new BulkOptions { Concurrency = concurrency }), string.Empty));
    await MeasureAsync("count_select", rep, async () =>
    {
        RowSet count = await session.ExecuteAsync(new SimpleStatement($"SELECT COUNT(*) FROM {keyspace}.{table}") { Timeout = TimeSpan.FromMinutes(5) });
        return (count[0].Get<long>(0), string.Empty);
    });
}

using (Process self = Process.GetCurrentProcess())
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak_rss_mb={self.PeakWorkingSet64 / 1048576.0:0.0}"));
}

return 0;

static async Task MeasureAsync(string kind, int rep, Func<Task<(long Rows, string Extra)>> work)
{
    var clock = Stopwatch.StartNew();
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
    (long rows, string extra) = await work();
    double seconds = clock.Elapsed.TotalSeconds;
    double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind} rep={rep} rows={rows} seconds={seconds:0.000} rows_s={rows / seconds:0} cpu_s={cpuSeconds:0.00} {extra}").TrimEnd());
}
