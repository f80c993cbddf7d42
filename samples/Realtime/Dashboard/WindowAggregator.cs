using System.Diagnostics;
using Realtime.Sensors;

namespace Realtime.Dashboard;

/// <summary>
/// Every second (<c>Dashboard:RefreshMs</c>), streams each sensor's readings of the last N seconds
/// (<c>Dashboard:WindowSeconds</c>, default 30) from Cassandra, page by page, and folds them into count, min, max and
/// mean as they arrive, without holding the window in a list; the newest readings also feed the chart. Publishes the
/// result to <see cref="SnapshotBroadcaster"/>.
/// </summary>
public sealed partial class WindowAggregator(IReadingRepository readings, SnapshotBroadcaster broadcaster, IConfiguration configuration, TimeProvider clock, ILogger<WindowAggregator> logger) : BackgroundService
{
    public const int SeriesPoints = 60;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int windowSeconds = configuration.GetValue("Dashboard:WindowSeconds", 30);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(configuration.GetValue("Dashboard:RefreshMs", 1000)), clock);
        do
        {
            try
            {
                broadcaster.Publish(await AggregateAsync(windowSeconds, stoppingToken));
            }
            catch (Exception ex) when (ex is AsyncCassandra.CassandraException or TimeoutException)
            {
                AggregationFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<DashboardSnapshot> AggregateAsync(int windowSeconds, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset since = now.AddSeconds(-windowSeconds);
        SensorWindow[] windows = await Task.WhenAll(SensorCatalog.All.Select(sensor => WindowAsync(sensor, since, now, ct)));
        return new DashboardSnapshot(now, windowSeconds, windows, windows.Sum(w => w.Count), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<SensorWindow> WindowAsync(Sensor sensor, DateTimeOffset since, DateTimeOffset now, CancellationToken ct)
    {
        int count = 0;
        double min = double.MaxValue, max = double.MinValue, sum = 0;
        Reading? last = null;
        var newest = new List<double>(SeriesPoints);
        // A window that starts before midnight reads yesterday's partition too.
        string[] days = Day.Of(since) == Day.Of(now) ? [Day.Of(now)] : [Day.Of(now), Day.Of(since)];
        foreach (string day in days)
        {
            await foreach (Reading reading in readings.StreamSinceAsync(sensor.Id, day, since, ct))
            {
                count++;
                min = Math.Min(min, reading.Value);
                max = Math.Max(max, reading.Value);
                sum += reading.Value;
                last ??= reading;
                if (newest.Count < SeriesPoints)
                {
                    newest.Add(reading.Value);
                }
            }
        }

        newest.Reverse();
        return count == 0
            ? new SensorWindow(sensor.Id, sensor.Name, sensor.Kind, sensor.Unit, 0, null, null, null, null, null, [])
            : new SensorWindow(sensor.Id, sensor.Name, sensor.Kind, sensor.Unit, count, min, max, Math.Round(sum / count, 3), last!.Value, last.At, newest);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The dashboard was not refreshed: {Error}")]
    private static partial void AggregationFailed(ILogger logger, string error);
}
