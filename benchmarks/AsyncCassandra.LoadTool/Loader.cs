using System.Diagnostics;
using System.Globalization;

namespace AsyncCassandra.LoadTool;

/// <summary>
/// `load`: the schema and data of WORKLOADS.md. kv by concurrent prepared inserts (256 in flight), wide by
/// single-partition UNLOGGED batches of 100 rows (64 in flight); then memtable_flush_period_in_ms = 60000 on kv and
/// wide and a 75 s wait so both read-only tables are on sstables (the node has no JMX for nodetool flush).
/// </summary>
internal static class Loader
{
    private const int KvInFlight = 256;
    private const int BatchRows = 100;
    private const int BatchesInFlight = 64;
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan DdlTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Schema =
    [
        "CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
        "CREATE TABLE IF NOT EXISTS bench.kv   (id int PRIMARY KEY, v text)",
        "CREATE TABLE IF NOT EXISTS bench.kv2  (id int PRIMARY KEY, v text)",
        "CREATE TABLE IF NOT EXISTS bench.wide (pk int, ck int, a text, b bigint, c double, d uuid, e timestamp, PRIMARY KEY (pk, ck))",
    ];

    public static async Task<int> RunAsync(HarnessSettings settings, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var (cluster, session) = await Node.ConnectAsync(settings, viaProxy: false, ct);
        await using (cluster)
        await using (session)
        {
            foreach (string ddl in Schema)
            {
                await session.ExecuteAsync(new SimpleStatement(ddl) { Timeout = DdlTimeout }, ct);
            }

            Log("schema ready");
            var sw = Stopwatch.StartNew();
            PreparedStatement kv = await session.PrepareAsync("INSERT INTO bench.kv (id, v) VALUES (?, ?)", ct);
            await ParallelAsync(Data.KvRows, KvInFlight, id => session.ExecuteAsync(kv.Bind(id, Data.KvValue(id)), ct), ct);
            Log(string.Create(CultureInfo.InvariantCulture, $"kv: {Data.KvRows} rows in {sw.Elapsed.TotalSeconds:0.0} s"));

            sw.Restart();
            PreparedStatement wide = await session.PrepareAsync("INSERT INTO bench.wide (pk, ck, a, b, c, d, e) VALUES (?, ?, ?, ?, ?, ?, ?)", ct);
            int batchesPerPartition = Data.WideRowsPerPartition / BatchRows;
            await ParallelAsync(Data.WidePartitions * batchesPerPartition, BatchesInFlight, b =>
            {
                int pk = b / batchesPerPartition;
                int first = (b % batchesPerPartition) * BatchRows;
                var batch = new BatchStatement(BatchType.Unlogged);
                for (int ck = first; ck < first + BatchRows; ck++)
                {
                    int n = Data.WideN(pk, ck);
                    batch.Add(wide.Bind(pk, ck, Data.WideA(pk, ck), Data.WideB(pk, ck), Data.WideC(n), Data.WideD(n), Data.WideE(n)));
                }

                return session.ExecuteAsync(batch, ct);
            }, ct);
            Log(string.Create(CultureInfo.InvariantCulture, $"wide: {Data.WideRows} rows in {sw.Elapsed.TotalSeconds:0.0} s"));

            foreach (string table in new[] { "bench.kv", "bench.wide" })
            {
                await session.ExecuteAsync(new SimpleStatement($"ALTER TABLE {table} WITH memtable_flush_period_in_ms = 60000") { Timeout = DdlTimeout }, ct);
            }
        }

        if (settings.NoWait)
        {
            Log("--no-wait: not waiting for the memtable flush (reads may hit memtables)");
        }
        else
        {
            Log($"waiting {FlushWait.TotalSeconds:0} s for the periodic memtable flush of kv and wide");
            await Task.Delay(FlushWait, ct);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load kv={Data.KvRows} wide={Data.WideRows} wall_s={total.Elapsed.TotalSeconds:0.0}"));
        return 0;
    }

    /// <summary>Runs count operations with at most inFlight at once; each is retried twice before the load fails.</summary>
    private static async Task ParallelAsync(int count, int inFlight, Func<int, Task> operation, CancellationToken ct)
    {
        int next = -1;
        var workers = new Task[Math.Min(inFlight, count)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    for (int attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await operation(i);
                            break;
                        }
                        catch (CassandraException ex) when (attempt < 3 && !ct.IsCancellationRequested)
                        {
                            Log($"operation {i} failed ({ex.Message}); retrying");
                        }
                        catch (TimeoutException ex) when (attempt < 3 && !ct.IsCancellationRequested)
                        {
                            Log($"operation {i} timed out ({ex.Message}); retrying");
                        }
                    }
                }
            }, ct);
        }

        await Task.WhenAll(workers);
    }

    private static void Log(string line) => Console.Error.WriteLine($"[load] {line}");
}
