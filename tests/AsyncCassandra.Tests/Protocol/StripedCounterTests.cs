using AsyncCassandra.Monitoring;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// The per-processor counters behind the per-request counts (resource counters, in-flight requests, statistics):
/// changes made from many threads at once all end up in the sum, none lost or counted twice.
/// </summary>
public sealed class StripedCounterTests
{
    [Fact]
    public async Task Increments_and_decrements_from_many_threads_sum_exactly()
    {
        var counter = new StripedCounter();
        const int Threads = 8;
        const int PerThread = 50_000;
        using var start = new ManualResetEventSlim();
        Task[] workers = [.. Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.Wait();
            for (int i = 0; i < PerThread; i++)
            {
                counter.Increment();
                if (i % 2 == 0)
                {
                    counter.Decrement();
                }

                if (i % 1000 == 0)
                {
                    Thread.Yield(); // move between processors, so that one thread writes several stripes
                }
            }

            counter.Add(t);
        }, TaskCreationOptions.LongRunning))];
        start.Set();
        await Task.WhenAll(workers);

        Assert.Equal((Threads * PerThread / 2) + Enumerable.Range(0, Threads).Sum(), counter.Sum());
    }

    [Fact]
    public async Task Statistics_recorded_from_many_threads_are_all_counted_and_in_the_histogram()
    {
        var recorder = new StatisticsRecorder(TimeSpan.FromSeconds(60));
        const int Threads = 6;
        const int PerThread = 20_000;
        Task[] workers = [.. Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                recorder.Record(TimeSpan.FromMilliseconds(1 + (i % 3)), i % 10 == 0 ? nameof(ReadTimeoutException) : CassandraDiagnostics.Success);
            }
        }, TaskCreationOptions.LongRunning))];
        await Task.WhenAll(workers);

        RequestStatistics stats = recorder.Snapshot();
        Assert.Equal(Threads * PerThread, stats.Total);
        Assert.Equal(Threads * PerThread / 10, stats.Failed);
        Assert.Equal(stats.Total, stats.Succeeded + stats.Failed);
        Assert.Equal(stats.Total, stats.RequestsInWindow); // every stripe's histogram merged
        Assert.InRange(stats.P50!.Value.TotalMilliseconds, 1.8, 2.2); // a third each at 1, 2 and 3 ms
    }
}
