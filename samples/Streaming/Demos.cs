using System.Diagnostics;
using AsyncCassandra;

namespace Streaming;

/// <summary>The two demos: a timer that keeps ticking while rows stream, and a session that keeps working after failures.</summary>
internal static class Demos
{
    public const int Rows = 100_000;

    /// <summary>Streams every row while a 10 ms timer ticks on the same thread; returns the largest gap between ticks.</summary>
    public static async Task<TimeSpan> TimerKeepsTickingAsync(AsyncSession session, CancellationToken ct)
    {
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ticks = new List<long>();
        Task timer = TickAsync(ticks, streaming.Token);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        long checksum = 0;
        await foreach (Row row in session.StreamAsync(new SimpleStatement("SELECT id, payload FROM streaming.rows"), new StreamOptions { PageSize = 5000 }, ct))
        {
            rows++;
            checksum += row.Get<int>(0);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        await streaming.CancelAsync();
        await timer;
        TimeSpan largest = TimeSpan.Zero;
        for (int i = 1; i < ticks.Count; i++)
        {
            TimeSpan gap = Stopwatch.GetElapsedTime(ticks[i - 1], ticks[i]);
            largest = gap > largest ? gap : largest;
        }

        Console.WriteLine($"Streamed {rows:N0} rows (checksum {checksum}) in {seconds:0.00} s ({rows / seconds:N0} rows/s); the 10 ms timer ticked {ticks.Count} times, largest gap {largest.TotalMilliseconds:0.0} ms.");
        return largest;
    }

    private static async Task TickAsync(List<long> ticks, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        ticks.Add(Stopwatch.GetTimestamp());
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                ticks.Add(Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A failing query and a failing stream leave the session working, while a reader and a writer go on concurrently.</summary>
    public static async Task<bool> SessionSurvivesFailuresAsync(AsyncSession session, CancellationToken ct)
    {
        PreparedStatement write = await session.PrepareAsync("INSERT INTO streaming.events (id, note) VALUES (?, ?)", ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int written = 0;
        int read = 0;
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                await session.ExecuteAsync(write.Bind(i, "note " + i), ct);
                Interlocked.Increment(ref written);
            }
        }, ct);
        Task reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await foreach (Row _ in session.StreamAsync(new SimpleStatement("SELECT id FROM streaming.rows LIMIT 2000"), new StreamOptions { PageSize = 500 }, ct))
                {
                    Interlocked.Increment(ref read);
                }
            }
        }, ct);

        try
        {
            await session.ExecuteAsync("SELEC nothing FROM nowhere", ct);
        }
        catch (SyntaxErrorException ex)
        {
            Console.WriteLine($"A failing query: {ex.GetType().Name}: {ex.Message}");
        }

        try
        {
            await foreach (Row _ in session.StreamAsync(new SimpleStatement("SELECT * FROM streaming.no_such_table"), null, ct))
            {
            }
        }
        catch (InvalidQueryException ex)
        {
            Console.WriteLine($"A failing stream: {ex.GetType().Name}: {ex.Message}");
        }

        // A stream left early and a stream cancelled mid-page: both release what they held.
        await foreach (Row _ in session.StreamAsync(new SimpleStatement("SELECT id FROM streaming.rows"), new StreamOptions { PageSize = 100 }, ct))
        {
            break;
        }

        using (var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            try
            {
                await foreach (Row _ in session.StreamAsync(new SimpleStatement("SELECT id FROM streaming.rows"), new StreamOptions { PageSize = 100 }, cancelled.Token))
                {
                    await Task.Delay(1, cancelled.Token);
                }
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("A cancelled stream: OperationCanceledException");
            }
        }

        int writtenBefore = Volatile.Read(ref written);
        int readBefore = Volatile.Read(ref read);
        await Task.Delay(500, ct);
        await stop.CancelAsync();
        await Task.WhenAll(writer, reader).ContinueWith(_ => { }, TaskScheduler.Default);
        bool kept = Volatile.Read(ref written) > writtenBefore && Volatile.Read(ref read) > readBefore;
        RowSet check = await session.ExecuteAsync("SELECT count(*) FROM streaming.events", ct);
        Console.WriteLine($"After the failures the writer and reader kept going: {written:N0} writes and {read:N0} rows read concurrently; the session still answers ({check[0].Get<long>(0):N0} events). {(kept ? "OK" : "STALLED")}");
        return kept;
    }
}
