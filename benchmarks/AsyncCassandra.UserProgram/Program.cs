using System.Diagnostics;
using System.Globalization;
using AsyncCassandra;

// W1 as a user would write it (tag W1u): 128 tasks each awaiting session.ExecuteAsync(prepared.Bind(id)) for a random
// id and reading the row's v by name. Only the measurement around it follows WORKLOADS.md (a 5,000-request warm-up, then
// 100,000 timed requests; process CPU, wall clock, latencies and peak RSS of the timed phase) so that its result line
// compares with the load tool's W1 and the peers' W1. Nothing is pooled or pre-computed that a user's code would not.
//
//   dotnet benchmarks/AsyncCassandra.UserProgram/bin/Release/net10.0/AsyncCassandra.UserProgram.dll [--tasks N] [--requests N]
//
// The node: CASSANDRA_CONTACT_POINTS / CASSANDRA_PORT (CassandraOptions.FromEnvironment; default 127.0.0.1:9042).
// --tasks N: requests in flight (default 128; the tag becomes W1c<N>u); --requests N: development only.

int tasks = 128;
int requests = 100_000;
for (int a = 0; a + 1 < args.Length; a += 2)
{
    switch (args[a])
    {
        case "--tasks":
            tasks = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
            break;
        case "--requests":
            requests = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[a]}");
            return 2;
    }
}

string tag = tasks == 128 ? "W1u" : $"W1c{tasks}u";

CassandraOptions options = CassandraOptions.FromEnvironment();
options.ProtocolVersion = 3;
options.DefaultConsistency = ConsistencyLevel.LocalOne;
await using var cluster = new AsyncCluster(options);
await using AsyncSession session = await cluster.ConnectAsync();
PreparedStatement select = await session.PrepareAsync("SELECT v FROM bench.kv WHERE id = ?");

await RunAsync(5_000, latencies: null);

var latencies = new double[requests];
TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
(int errors, long totalLength, string? firstError) = await RunAsync(requests, latencies);
wall.Stop();
TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
double rssPeakMiB = PeakRssMiB();

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * requests), 1, requests) - 1];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{tag} ops_s={requests / wall.Elapsed.TotalSeconds:0.0} p50_ms={Percentile(0.50):0.000} p99_ms={Percentile(0.99):0.000} " +
    $"cpu_s={cpu.TotalSeconds:0.000} wall_s={wall.Elapsed.TotalSeconds:0.000} rss_peak_mb={rssPeakMiB:0.0} errors={errors} " +
    $"cpu_us_op={cpu.TotalMicroseconds / requests:0.00}"));
if (errors > 0)
{
    Console.Error.WriteLine($"{tag}: {errors} error(s); first: {firstError}");
}

return totalLength == (requests - errors) * 100L ? 0 : 1;

async Task<(int Errors, long TotalLength, string? FirstError)> RunAsync(int count, double[]? latencies)
{
    int next = -1;
    int errors = 0;
    string? firstError = null;
    Task<long>[] workers = Enumerable.Range(0, tasks).Select(_ => Task.Run(async () =>
    {
        long length = 0;
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                RowSet rows = await session.ExecuteAsync(select.Bind(Random.Shared.Next(10_000)));
                string value = rows.First().Get<string>("v");
                if (value.Length == 100)
                {
                    length += value.Length;
                }
                else
                {
                    throw new InvalidOperationException($"v has {value.Length} characters, expected 100");
                }
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, ex.Message, null);
            }

            if (latencies is not null)
            {
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return length;
    })).ToArray();
    long[] lengths = await Task.WhenAll(workers);
    return (errors, lengths.Sum(), firstError);
}

static double PeakRssMiB()
{
    string? line = File.Exists("/proc/self/status")
        ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        : null;
    return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
}
