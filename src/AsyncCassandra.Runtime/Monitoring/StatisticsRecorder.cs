using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Monitoring;

/// <summary>
/// Request counts since start and latencies over a sliding window, in fixed memory: the window is
/// <see cref="Slots"/> time slots, each a histogram of <see cref="Buckets"/> logarithmic latency buckets (10 µs
/// growing by 20 % a bucket, up to about 2 minutes), so percentiles are exact to within one bucket (±10 %) and a
/// recorder costs a few KB however many requests it sees. Recording takes no lock except when a slot turns over, and
/// touches no cache line that another core writes on each request: the counts are <see cref="StripedCounter"/>s and
/// each slot holds one histogram per stripe of processors (at most <see cref="HistogramStripes"/>), merged when read.
/// </summary>
internal sealed class StatisticsRecorder
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    public const int Slots = 12;

    public const int Buckets = 96;

    /// <summary>Histograms per slot: one per processor stripe, at most 4 (memory: Slots x stripes x Buckets ints).</summary>
    internal static readonly int HistogramStripes = Math.Min(4, StripedCounter.Stripes);

    private const double FirstBoundMicroseconds = 10;

    private const double Growth = 1.2;

    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly Func<long> _clockMs;
    private readonly long _slotMs;
    private readonly int[][] _slots = new int[Slots][];
    private readonly long[] _slotNumbers = new long[Slots];
    private readonly object _turnover = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _failuresByType = new(StringComparer.Ordinal);
    private readonly StripedCounter _total = new();
    private readonly StripedCounter _succeeded = new();

    public StatisticsRecorder(TimeSpan window, Func<long>? clockMs = null)
    {
        Window = window;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
        _slotMs = Math.Max(1, (long)Math.Ceiling(window.TotalMilliseconds / Slots));
        for (int i = 0; i < Slots; i++)
        {
            _slots[i] = new int[Buckets * HistogramStripes];
            _slotNumbers[i] = -1;
        }
    }

    public TimeSpan Window { get; }

    /// <summary>Counts a completed request: its outcome ("success" or an error type) and how long it took.</summary>
    public void Record(TimeSpan latency, string outcome)
    {
        _total.Increment();
        if (ReferenceEquals(outcome, CassandraDiagnostics.Success))
        {
            _succeeded.Increment();
        }
        else
        {
            StrongBox<long> box = _failuresByType.GetOrAdd(outcome, static _ => new StrongBox<long>());
            Interlocked.Increment(ref box.Value);
        }

        int stripe = StripedCounter.CurrentStripe & (HistogramStripes - 1);
        Interlocked.Increment(ref CurrentSlot()[(stripe * Buckets) + Bucket(latency)]);
    }

    /// <summary>The bucket of a latency: 0 below 10 µs, then one per 20 % of growth, the last one open-ended.</summary>
    internal static int Bucket(TimeSpan latency)
    {
        double us = latency.Ticks / 10.0;
        if (us < FirstBoundMicroseconds)
        {
            return 0;
        }

        int index = 1 + (int)(Math.Log(us / FirstBoundMicroseconds) / LogGrowth);
        return Math.Min(index, Buckets - 1);
    }

    /// <summary>A latency that stands for a bucket: the geometric middle of its bounds.</summary>
    internal static TimeSpan Representative(int bucket)
    {
        if (bucket == 0)
        {
            return TimeSpan.FromTicks((long)(FirstBoundMicroseconds * 10 / 2));
        }

        double lower = FirstBoundMicroseconds * Math.Pow(Growth, bucket - 1);
        return TimeSpan.FromTicks((long)(lower * Math.Sqrt(Growth) * 10));
    }

    private int[] CurrentSlot()
    {
        long number = _clockMs() / _slotMs;
        int index = (int)(number % Slots);
        if (Volatile.Read(ref _slotNumbers[index]) == number)
        {
            return _slots[index];
        }

        lock (_turnover)
        {
            if (_slotNumbers[index] != number)
            {
                // The slot held a period that has left the window: start it afresh.
                Array.Clear(_slots[index]);
                Volatile.Write(ref _slotNumbers[index], number);
            }

            return _slots[index];
        }
    }

    /// <summary>The counts so far and the percentiles of the requests completed within the window.</summary>
    public RequestStatistics Snapshot()
    {
        long now = _clockMs() / _slotMs;
        var merged = new long[Buckets];
        long inWindow = 0;
        for (int i = 0; i < Slots; i++)
        {
            long number = Volatile.Read(ref _slotNumbers[i]);
            if (number < 0 || number <= now - Slots)
            {
                continue;
            }

            int[] slot = _slots[i];
            for (int j = 0; j < slot.Length; j++)
            {
                int count = Volatile.Read(ref slot[j]);
                merged[j % Buckets] += count;
                inWindow += count;
            }
        }

        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, StrongBox<long>> failure in _failuresByType)
        {
            failures[failure.Key] = Volatile.Read(ref failure.Value.Value);
        }

        long total = _total.Sum();
        long succeeded = _succeeded.Sum();
        return new RequestStatistics
        {
            Total = total,
            Succeeded = succeeded,
            Failed = failures.Values.Sum(),
            FailuresByType = failures,
            Window = Window,
            RequestsInWindow = inWindow,
            P50 = Percentile(merged, inWindow, 0.50),
            P95 = Percentile(merged, inWindow, 0.95),
            P99 = Percentile(merged, inWindow, 0.99),
        };
    }

    private static TimeSpan? Percentile(long[] histogram, long count, double quantile)
    {
        if (count == 0)
        {
            return null;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (int b = 0; b < histogram.Length; b++)
        {
            seen += histogram[b];
            if (seen >= rank)
            {
                return Representative(b);
            }
        }

        return Representative(histogram.Length - 1);
    }
}
