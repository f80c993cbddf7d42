namespace Realtime.Dashboard;

/// <summary>
/// One sensor's aggregates over the sliding window: count, min, max and mean of its readings, the latest reading, and
/// up to <see cref="WindowAggregator.SeriesPoints"/> values in time order for its chart. Null statistics: no reading
/// in the window.
/// </summary>
public sealed record SensorWindow(
    string Id,
    string Name,
    string Kind,
    string Unit,
    int Count,
    double? Min,
    double? Max,
    double? Mean,
    double? Last,
    DateTimeOffset? LastAt,
    IReadOnlyList<double> Series);
