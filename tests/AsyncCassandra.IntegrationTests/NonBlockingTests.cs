using System.Diagnostics;

namespace AsyncCassandra.IntegrationTests;

/// <summary>No thread waits for the network: timers keep firing, other requests keep completing, streams overlap.</summary>
[Collection(NodeCollection.Name)]
public sealed class NonBlockingTests(NodeFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePagedTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static SimpleStatement TenPages() => new("SELECT p, c, v FROM paged WHERE p IN (11, 12, 13, 14, 15, 16, 17, 18, 19, 20)");

    [Fact]
    public async Task While_a_ten_page_stream_is_consumed_a_10ms_timer_keeps_firing_and_point_queries_complete()
    {
        AsyncSession session = fixture.Session;
        PreparedStatement point = await session.PrepareAsync("SELECT v FROM paged WHERE p = ? AND c = ?");
        using var stop = new CancellationTokenSource();
        var gaps = new List<double>();
        bool streaming = false;
        Task timer = Task.Run(async () =>
        {
            using var periodic = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            long last = Stopwatch.GetTimestamp();
            try
            {
                while (await periodic.WaitForNextTickAsync(stop.Token))
                {
                    long now = Stopwatch.GetTimestamp();
                    if (Volatile.Read(ref streaming))
                    {
                        lock (gaps)
                        {
                            gaps.Add(Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
                        }
                    }

                    last = now;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        int pointsDone = 0;
        Task points = Task.Run(async () =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                RowSet rows = await session.ExecuteAsync(point.Bind(i % 100, i % 1000));
                Assert.Equal($"row {i % 100}/{i % 1000}", rows[0].Get<string>(0));
                Interlocked.Increment(ref pointsDone);
                i++;
            }
        });

        int pages = 0;
        int pointsAtStart = Volatile.Read(ref pointsDone);
        Volatile.Write(ref streaming, true);
        await foreach (IReadOnlyList<Row> page in session.StreamPagesAsync(TenPages(), new StreamOptions { PageSize = 1000 }))
        {
            pages++;
            foreach (Row row in page)
            {
                _ = row.Get<string>(2);
            }

            await Task.Delay(20); // the consumer does some work per page, as an application would
        }

        Volatile.Write(ref streaming, false);
        int pointsDuringStream = Volatile.Read(ref pointsDone) - pointsAtStart;
        await stop.CancelAsync();
        await timer;
        await points;
        Assert.Equal(10, pages);
        // The checks of the library we port: the timer keeps its rhythm, and point queries keep completing.
        double[] measured;
        lock (gaps)
        {
            measured = [.. gaps];
        }

        Assert.True(measured.Length >= 10, $"only {measured.Length} timer ticks during the stream");
        Assert.True(measured.Average() < 20, $"the 10 ms timer's mean gap was {measured.Average():0.0} ms during the stream");
        Assert.True(measured.Count(g => g > 50) < 5, $"{measured.Count(g => g > 50)} gaps over 50 ms (largest {measured.Max():0} ms)");
        Assert.True(pointsDuringStream >= 15, $"only {pointsDuringStream} point queries completed while the stream was consumed");
    }

    [Fact]
    public async Task Five_concurrent_streams_finish_well_under_the_sum_of_their_separate_times()
    {
        AsyncSession session = fixture.Session;

        // Each page takes 30 ms of (asynchronous) work to consume: streams that blocked threads could not overlap it.
        async Task<int> ConsumeAsync()
        {
            int rows = 0;
            await foreach (IReadOnlyList<Row> page in session.StreamPagesAsync(TenPages(), new StreamOptions { PageSize = 1000 }))
            {
                rows += page.Count;
                await Task.Delay(30);
            }

            return rows;
        }

        await ConsumeAsync(); // warm-up
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(10_000, await ConsumeAsync());
        }

        TimeSpan sequential = watch.Elapsed;
        watch.Restart();
        int[] results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ConsumeAsync()));
        TimeSpan concurrent = watch.Elapsed;
        Assert.All(results, r => Assert.Equal(10_000, r));
        Assert.True(concurrent < sequential * 0.6, $"5 concurrent streams took {concurrent.TotalMilliseconds:0} ms; one after another took {sequential.TotalMilliseconds:0} ms");
    }
}
