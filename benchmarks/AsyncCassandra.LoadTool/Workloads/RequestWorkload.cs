using System.Diagnostics;

namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>
/// How many requests a request workload keeps in flight and how many it times: WORKLOADS.md's 128 and 100,000, or a
/// variant's (W1c8: 8 in flight); fewer timed requests only for development (<c>--requests</c>).
/// </summary>
internal sealed record RequestShape(int InFlight, int TimedRequests)
{
    public const int DefaultInFlight = 128;
    public const int DefaultTimedRequests = 100_000;
}

/// <summary>
/// W1/W3 shape: exactly <see cref="RequestShape.InFlight"/> requests in flight (as many async workers, each issuing
/// its next request when its previous one completed) until the count is issued. Every request's latency, from the
/// call that issues it to the completion of its result, goes to a preallocated array of Stopwatch ticks; errors are
/// counted, not thrown.
/// </summary>
internal abstract class RequestWorkload(string tag, RequestShape shape) : IWorkload
{
    public const int WarmupRequests = 5_000;

    private readonly long[] _latencies = new long[shape.TimedRequests];
    private string? _firstError;

    public string Tag { get; } = tag;

    protected int InFlight { get; } = shape.InFlight;

    protected int TimedRequests { get; } = shape.TimedRequests;

    public abstract Task SetupAsync(CancellationToken ct);

    /// <summary>The key (id) of request <paramref name="index"/> of the warm-up or the timed phase.</summary>
    protected abstract int KeyOf(int index, bool warmup);

    /// <summary>
    /// Issues one request and awaits its result. Returns the value the check expects (<see cref="ExpectedValue"/>;
    /// W1: the length of v), anything else counts as an error.
    /// </summary>
    protected abstract ValueTask<int> ExecuteAsync(int key, CancellationToken ct);

    /// <summary>What <see cref="ExecuteAsync"/> returns for a correct result.</summary>
    protected abstract int ExpectedValue { get; }

    public async Task WarmupAsync(CancellationToken ct)
    {
        (long errors, _) = await RunPhaseAsync(WarmupRequests, warmup: true, ct);
        if (errors > 0)
        {
            Console.Error.WriteLine($"{Tag} warm-up: {errors} error(s); first: {_firstError}");
        }
    }

    public async Task<WorkloadResult> RunAsync(CancellationToken ct)
    {
        using AllocationSampler? sampler = AllocationSampler.StartIfEnabled();
        using JitSampler? jit = JitSampler.StartIfEnabled();
        Console.Error.WriteLine($"[{Tag}] warm-up done; timed phase starts");
        var meter = new Meter();
        sampler?.Record(true);
        jit?.Record(true);
        meter.Start();
        (long errors, long sum) = await RunPhaseAsync(TimedRequests, warmup: false, ct);
        meter.Stop();
        sampler?.Record(false);
        jit?.Record(false);
        Console.Error.WriteLine($"[{Tag}] timed phase done; {meter.Diagnostics}");
        sampler?.Report(Tag, TimedRequests, meter.AllocatedBytes);
        jit?.Report(Tag);

        long[] sorted = (long[])_latencies.Clone();
        Array.Sort(sorted);
        var line = new ResultLine(Tag)
            .Add("ops_s", TimedRequests / meter.WallSeconds, "0.0")
            .Add("p50_ms", TicksToMs(NearestRank(sorted, 0.50)), "0.000")
            .Add("p99_ms", TicksToMs(NearestRank(sorted, 0.99)), "0.000")
            .Add("cpu_s", meter.CpuSeconds, "0.000")
            .Add("wall_s", meter.WallSeconds, "0.000")
            .Add("rss_peak_mb", meter.RssPeakMiB, "0.0")
            .Add("errors", errors)
            .Add("alloc_b_op", (double)meter.AllocatedBytes / TimedRequests, "0")
            .Add("cpu_us_op", meter.CpuSeconds * 1e6 / TimedRequests, "0.00");
        if (errors > 0)
        {
            Console.Error.WriteLine($"{Tag}: {errors} error(s); first: {_firstError}");
        }

        long expectedSum = (TimedRequests - errors) * (long)ExpectedValue;
        return new WorkloadResult(line.ToString(), sum == expectedSum ? null : $"value sum {sum} != {expectedSum}");
    }

    /// <summary>Nearest-rank percentile on a sorted list: the value at rank ceil(p * N).</summary>
    public static long NearestRank(long[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private async Task<(long Errors, long Sum)> RunPhaseAsync(int count, bool warmup, CancellationToken ct)
    {
        var state = new PhaseState(count, warmup);
        var workers = new Task<long>[Math.Min(InFlight, count)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = WorkerAsync(state, ct);
        }

        long sum = 0;
        foreach (Task<long> worker in workers)
        {
            sum += await worker;
        }

        return (state.Errors, sum);
    }

    private async Task<long> WorkerAsync(PhaseState state, CancellationToken ct)
    {
        long sum = 0;
        long[]? latencies = state.Warmup ? null : _latencies;
        int expected = ExpectedValue;
        while (true)
        {
            int i = Interlocked.Increment(ref state.Next);
            if (i >= state.Count)
            {
                return sum;
            }

            int key = KeyOf(i, state.Warmup);
            long start = Stopwatch.GetTimestamp();
            int value;
            try
            {
                value = await ExecuteAsync(key, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _firstError, ex.GetType().Name + ": " + ex.Message, null);
                value = int.MinValue;
            }

            long end = Stopwatch.GetTimestamp();
            if (latencies is not null)
            {
                latencies[i] = end - start;
            }

            if (value == expected)
            {
                sum += value;
            }
            else
            {
                if (value != int.MinValue)
                {
                    Interlocked.CompareExchange(ref _firstError, $"request {i} (key {key}) returned {value}, expected {expected}", null);
                }

                Interlocked.Increment(ref state.Errors);
            }
        }
    }

    private sealed class PhaseState(int count, bool warmup)
    {
        public readonly int Count = count;
        public readonly bool Warmup = warmup;
        public int Next = -1;
        public long Errors;
    }
}
