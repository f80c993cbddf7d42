namespace Realtime.Dashboard;

/// <summary>What the page shows at one moment: every sensor's window, and how much the aggregation read to make it.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    int WindowSeconds,
    IReadOnlyList<SensorWindow> Sensors,
    int RowsRead,
    double AggregationMs);
