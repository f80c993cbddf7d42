using System.Diagnostics;
using System.Globalization;
using AsyncCassandra.Testing;

namespace AsyncCassandra.LoadTool;

/// <summary>Command-line settings shared by every verb.</summary>
internal sealed class HarnessSettings
{
    public bool NoWait { get; set; }

    public int FirstOctet { get; set; } = 1;

    public int Port { get; set; } = 9042;

    public bool TokenAwareRouting { get; set; } = true;

    /// <summary>Timed requests of a W1/W3 kind: 100,000 (WORKLOADS.md); fewer only for development runs.</summary>
    public int Requests { get; set; } = Workloads.RequestShape.DefaultTimedRequests;
}

/// <summary>Where the node is and how to connect to it with the settings WORKLOADS.md fixes for every driver.</summary>
internal static class Node
{
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS"));

    /// <summary>
    /// The driver options of every workload: the node, native protocol v3 forced, LOCAL_ONE, one connection, no
    /// compression, driver defaults otherwise. With <paramref name="viaProxy"/> the node is still started or reused,
    /// but the contact point is the delay proxy at BENCH_PROXY (host:port).
    /// </summary>
    public static async Task<CassandraOptions> OptionsAsync(HarnessSettings settings, bool viaProxy, CancellationToken ct)
    {
        CassandraOptions options;
        if (IsExternal)
        {
            options = CassandraOptions.FromEnvironment();
        }
        else
        {
            // Starts the node, or reuses the one an earlier process left running (KeepRunning).
            await using CassandraTestCluster cluster = await CassandraTestCluster.StartAsync(NodeOptions(settings), ct);
            options = new CassandraOptions { Port = cluster.Port };
            foreach (string point in cluster.ContactPoints)
            {
                options.ContactPoints.Add(point);
            }
        }

        if (viaProxy)
        {
            (string host, int port) = ProxyEndpoint();
            options.ContactPoints.Clear();
            options.ContactPoints.Add(host);
            options.Port = port;
        }

        options.ProtocolVersion = 3;
        options.DefaultConsistency = ConsistencyLevel.LocalOne;
        options.ConnectionsPerHost = 1;
        options.Compression = CompressionAlgorithm.None;
        options.TokenAwareRouting = settings.TokenAwareRouting;
        return options;
    }

    public static async Task<(AsyncCluster Cluster, AsyncSession Session)> ConnectAsync(HarnessSettings settings, bool viaProxy, CancellationToken ct)
    {
        CassandraOptions options = await OptionsAsync(settings, viaProxy, ct);
        var cluster = new AsyncCluster(options);
        try
        {
            AsyncSession session = await cluster.ConnectAsync(ct);
            return (cluster, session);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>BENCH_PROXY as (host, port); a variant that runs through the proxy refuses to run without it.</summary>
    private static (string Host, int Port) ProxyEndpoint()
    {
        string proxy = Environment.GetEnvironmentVariable("BENCH_PROXY") ?? string.Empty;
        int colon = proxy.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(proxy.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException(
                "This workload runs through the delay proxy: set BENCH_PROXY=host:port (benchmarks/run-workloads.sh starts the proxy and sets it).");
        }

        return (proxy[..colon], port);
    }

    private static CassandraTestClusterOptions NodeOptions(HarnessSettings settings) => new()
    {
        FirstAddressOctet = settings.FirstOctet,
        Port = settings.Port,
        KeepRunning = true,
        Log = line => Console.Error.WriteLine($"[node] {line}"),
    };

    /// <summary>
    /// Starts (or reuses) the node as every workload does and prints where it is, in the variables the peers' harnesses
    /// and a user's program read: <c>CASSANDRA_CONTACT_POINTS=... CASSANDRA_PORT=...</c>.
    /// </summary>
    public static async Task<int> PrintAsync(HarnessSettings settings, CancellationToken ct)
    {
        CassandraOptions options = await OptionsAsync(settings, viaProxy: false, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CASSANDRA_CONTACT_POINTS={string.Join(',', options.ContactPoints)} CASSANDRA_PORT={options.Port}"));
        return 0;
    }

    /// <summary>Stops the node 127.0.0.K this tool starts, if it runs. An external node is never touched.</summary>
    public static async Task<int> StopAsync(HarnessSettings settings, CancellationToken ct)
    {
        if (IsExternal)
        {
            Console.Error.WriteLine("CASSANDRA_CONTACT_POINTS is set: that node was not started by this tool; nothing stopped.");
            return 1;
        }

        string address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.{settings.FirstOctet}");
        IReadOnlyList<CassandraTestNodeStatus> status = await CassandraTestCluster.GetStatusAsync(ct);
        if (!status.Any(s => s.Address == address && s.IsProcessAlive))
        {
            Console.Error.WriteLine($"no node of ours runs on {address}; nothing stopped.");
            return 0;
        }

        await using CassandraTestCluster cluster = await CassandraTestCluster.StartAsync(NodeOptions(settings), ct);
        await cluster.StopNodeAsync(0, ct);
        Console.Error.WriteLine($"stopped the node on {address}.");
        return 0;
    }
}

/// <summary>
/// The measurement rules of WORKLOADS.md: wall clock of the timed phase, process CPU (all threads, GC included) from
/// <see cref="Process.TotalProcessorTime"/>, allocated bytes (all threads, precise), and peak RSS (VmHWM) afterwards.
/// </summary>
internal sealed class Meter
{
    private readonly Process _process = Process.GetCurrentProcess();
    private TimeSpan _cpu0;
    private long _alloc0;
    private long _t0;
    private TimeSpan _jit0;
    private long _jitMethods0;
    private long _workItems0;
    private long _switches0;
    private TimeSpan _gcPause0;
    private readonly int[] _gc0 = new int[3];

    public double WallSeconds { get; private set; }

    public double CpuSeconds { get; private set; }

    public long AllocatedBytes { get; private set; }

    public double RssPeakMiB { get; private set; }

    /// <summary>
    /// Diagnostics of the timed phase (not part of the result line): JIT time and methods, GCs and GC pauses, thread-pool
    /// work items completed, pool threads at the end, context switches of the live threads.
    /// </summary>
    public string Diagnostics { get; private set; } = string.Empty;

    /// <summary>Takes the counters, the clock last: the readings themselves stay outside the wall-clock window.</summary>
    public void Start()
    {
        _jit0 = System.Runtime.JitInfo.GetCompilationTime();
        _jitMethods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        _workItems0 = ThreadPool.CompletedWorkItemCount;
        _switches0 = ReadContextSwitches();
        _gcPause0 = GC.GetTotalPauseDuration();
        for (int g = 0; g < 3; g++)
        {
            _gc0[g] = GC.CollectionCount(g);
        }

        _process.Refresh();
        _cpu0 = _process.TotalProcessorTime;
        _alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        _t0 = Stopwatch.GetTimestamp();
    }

    /// <summary>Stops the clock first, then reads the counters.</summary>
    public void Stop()
    {
        long t1 = Stopwatch.GetTimestamp();
        _process.Refresh();
        TimeSpan cpu1 = _process.TotalProcessorTime;
        long alloc1 = GC.GetTotalAllocatedBytes(precise: true);
        WallSeconds = Stopwatch.GetElapsedTime(_t0, t1).TotalSeconds;
        CpuSeconds = (cpu1 - _cpu0).TotalSeconds;
        AllocatedBytes = alloc1 - _alloc0;
        RssPeakMiB = ReadVmHwmMiB();
        Diagnostics = string.Create(CultureInfo.InvariantCulture,
            $"jit_ms={(System.Runtime.JitInfo.GetCompilationTime() - _jit0).TotalMilliseconds:0.0} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods0} " +
            $"gc0={GC.CollectionCount(0) - _gc0[0]} gc1={GC.CollectionCount(1) - _gc0[1]} gc2={GC.CollectionCount(2) - _gc0[2]} " +
            $"gc_pause_ms={(GC.GetTotalPauseDuration() - _gcPause0).TotalMilliseconds:0.0} " +
            $"tp_items={ThreadPool.CompletedWorkItemCount - _workItems0} tp_threads={ThreadPool.ThreadCount} ctx_switches={ReadContextSwitches() - _switches0}");
    }

    /// <summary>
    /// Context switches of the process's live threads (voluntary and not, /proc/self/task/*/status); 0 where /proc is
    /// unavailable. Threads that ended in between are not counted.
    /// </summary>
    private static long ReadContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended while being read.
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return total;
    }

    /// <summary>VmHWM of /proc/self/status in MiB (0 where /proc is unavailable).</summary>
    public static double ReadVmHwmMiB()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line["VmHWM:".Length..].Trim();
                    kb = kb.EndsWith("kB", StringComparison.Ordinal) ? kb[..^2].Trim() : kb;
                    return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}

/// <summary>Formats the result line: <c>TAG key=value ...</c>, invariant culture.</summary>
internal sealed class ResultLine(string tag)
{
    private readonly List<string> _parts = [tag];

    public ResultLine Add(string key, double value, string format)
    {
        _parts.Add(key + "=" + value.ToString(format, CultureInfo.InvariantCulture));
        return this;
    }

    public ResultLine Add(string key, long value)
    {
        _parts.Add(key + "=" + value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public override string ToString() => string.Join(' ', _parts);
}
