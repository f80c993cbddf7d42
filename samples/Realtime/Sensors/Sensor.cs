namespace Realtime.Sensors;

/// <summary>A simulated sensor: what it measures, and the shape of its signal (a daily-ish wave, drift and noise).</summary>
public sealed record Sensor(string Id, string Name, string Kind, string Unit, double Baseline, double Amplitude, double Noise, double PeriodSeconds);
