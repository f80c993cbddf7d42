namespace Realtime.Sensors;

/// <summary>One reading of a sensor, as the window query returns it.</summary>
public sealed record Reading(DateTimeOffset At, double Value);
