using AsyncCassandra.Monitoring;

namespace AsyncCassandra.Tests.Monitoring;

/// <summary>
/// The in-memory statistics: counts since start, failures by type, percentiles over a sliding window of fixed-size
/// histogram slots (a clock the test moves, no waiting), and memory that does not grow with the number of requests.
/// </summary>
public sealed class StatisticsRecorderTests
{
    private long _now = 1_000_000;

    private StatisticsRecorder Recorder(TimeSpan? window = null) => new(window ?? TimeSpan.FromSeconds(60), () => _now);

    [Fact]
    public void Counts_successes_and_failures_by_type()
    {
        StatisticsRecorder recorder = Recorder();
        for (int i = 0; i < 7; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(1), CassandraDiagnostics.Success);
        }

        recorder.Record(TimeSpan.FromMilliseconds(1), nameof(ReadTimeoutException));
        recorder.Record(TimeSpan.FromMilliseconds(1), nameof(ReadTimeoutException));
        recorder.Record(TimeSpan.FromMilliseconds(1), "timeout");

        RequestStatistics stats = recorder.Snapshot();
        Assert.Equal(10, stats.Total);
        Assert.Equal(7, stats.Succeeded);
        Assert.Equal(3, stats.Failed);
        Assert.Equal(2, stats.FailuresByType[nameof(ReadTimeoutException)]);
        Assert.Equal(1, stats.FailuresByType["timeout"]);
        Assert.Equal(10, stats.RequestsInWindow);
    }

    [Fact]
    public void Percentiles_come_from_the_latencies_within_one_bucket()
    {
        StatisticsRecorder recorder = Recorder();

        // 1..1000 ms once each: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms.
        for (int ms = 1; ms <= 1000; ms++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(ms), CassandraDiagnostics.Success);
        }

        RequestStatistics stats = recorder.Snapshot();
        AssertWithinBucket(500, stats.P50);
        AssertWithinBucket(950, stats.P95);
        AssertWithinBucket(990, stats.P99);
        Assert.True(stats.P50 <= stats.P95 && stats.P95 <= stats.P99);
    }

    [Fact]
    public void Latencies_leave_the_window_and_counts_stay()
    {
        StatisticsRecorder recorder = Recorder(TimeSpan.FromSeconds(12)); // 12 slots of 1 s
        for (int i = 0; i < 100; i++)
        {
            recorder.Record(TimeSpan.FromSeconds(2), CassandraDiagnostics.Success);
        }

        _now += 6_000;
        for (int i = 0; i < 100; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(2), CassandraDiagnostics.Success);
        }

        RequestStatistics both = recorder.Snapshot();
        Assert.Equal(200, both.RequestsInWindow);
        AssertWithinBucket(2000, both.P99);

        // Thirteen seconds on, the slow ones have left the window; the fast ones are still in it.
        _now += 7_000;
        RequestStatistics later = recorder.Snapshot();
        Assert.Equal(100, later.RequestsInWindow);
        AssertWithinBucket(2, later.P99);
        Assert.Equal(200, later.Total);

        // And after a whole window of silence there is nothing to take percentiles of.
        _now += 13_000;
        RequestStatistics empty = recorder.Snapshot();
        Assert.Equal(0, empty.RequestsInWindow);
        Assert.Null(empty.P50);
        Assert.Equal(200, empty.Total);
    }

    [Fact]
    public void A_slot_reused_after_the_window_starts_empty()
    {
        StatisticsRecorder recorder = Recorder(TimeSpan.FromSeconds(12));
        recorder.Record(TimeSpan.FromSeconds(1), CassandraDiagnostics.Success);
        _now += 12_000; // the same slot index, a period later
        recorder.Record(TimeSpan.FromMilliseconds(1), CassandraDiagnostics.Success);

        RequestStatistics stats = recorder.Snapshot();
        Assert.Equal(1, stats.RequestsInWindow);
        AssertWithinBucket(1, stats.P99);
    }

    [Fact]
    public void Recording_allocates_nothing_however_many_requests()
    {
        StatisticsRecorder recorder = Recorder();
        recorder.Record(TimeSpan.FromMilliseconds(1), CassandraDiagnostics.Success);
        recorder.Record(TimeSpan.FromMilliseconds(1), nameof(UnavailableException));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            recorder.Record(TimeSpan.FromTicks(i * 37), (i & 7) == 0 ? nameof(UnavailableException) : CassandraDiagnostics.Success);
            if (i % 10_000 == 0)
            {
                _now += 5_000; // slots turn over too
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100_002, recorder.Snapshot().Total);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.009)]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(250)]
    [InlineData(60_000)]
    public void A_bucket_stands_for_its_latencies_to_within_ten_percent(double ms)
    {
        TimeSpan latency = TimeSpan.FromMilliseconds(ms);
        TimeSpan representative = StatisticsRecorder.Representative(StatisticsRecorder.Bucket(latency));
        if (ms >= 0.01)
        {
            Assert.InRange(representative.TotalMilliseconds, ms / 1.1, ms * 1.1);
        }
        else
        {
            Assert.Equal(0, StatisticsRecorder.Bucket(latency)); // below 10 µs: one bucket
        }
    }

    private static void AssertWithinBucket(double expectedMs, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value.TotalMilliseconds, expectedMs / 1.1, expectedMs * 1.1);
    }
}
