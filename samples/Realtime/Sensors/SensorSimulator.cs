namespace Realtime.Sensors;

/// <summary>
/// Writes a reading for every sensor at a steady rate (<c>Simulation:IntervalMs</c>, default 250 ms): a slow wave,
/// a random drift and noise, so the dashboard has something alive to show.
/// </summary>
public sealed partial class SensorSimulator(IReadingRepository readings, IConfiguration configuration, TimeProvider clock, ILogger<SensorSimulator> logger) : BackgroundService
{
    private readonly Dictionary<string, double> _drift = [];
    private readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = TimeSpan.FromMilliseconds(configuration.GetValue("Simulation:IntervalMs", 250));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                await Task.WhenAll(SensorCatalog.All.Select(sensor => readings.InsertAsync(sensor.Id, Day.Of(now), now, Next(sensor, now), stoppingToken)));
            }
            catch (Exception ex) when (ex is AsyncCassandra.CassandraException or TimeoutException)
            {
                // The cluster is away for a moment: the sensors keep sampling, the dashboard shows the gap.
                WriteFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private double Next(Sensor sensor, DateTimeOffset now)
    {
        double drift = _drift.GetValueOrDefault(sensor.Id);
        drift = Math.Clamp(drift + ((_random.NextDouble() - 0.5) * sensor.Noise * 0.6), -sensor.Amplitude, sensor.Amplitude);
        _drift[sensor.Id] = drift;
        double wave = Math.Sin(2 * Math.PI * now.ToUnixTimeMilliseconds() / 1000.0 / sensor.PeriodSeconds) * sensor.Amplitude;
        double noise = (_random.NextDouble() - 0.5) * 2 * sensor.Noise;
        return Math.Round(sensor.Baseline + wave + drift + noise, 3);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Readings were not written: {Error}")]
    private static partial void WriteFailed(ILogger logger, string error);
}
