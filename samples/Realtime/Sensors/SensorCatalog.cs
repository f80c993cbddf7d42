namespace Realtime.Sensors;

/// <summary>The sensors of the sample's imaginary building.</summary>
public static class SensorCatalog
{
    public static IReadOnlyList<Sensor> All { get; } =
    [
        new("lab-temp", "Lab", "Temperature", "°C", 21.5, 1.8, 0.15, 90),
        new("server-room-temp", "Server room", "Temperature", "°C", 27.0, 2.5, 0.25, 60),
        new("greenhouse-humidity", "Greenhouse", "Humidity", "%", 68, 9, 0.8, 120),
        new("office-co2", "Open office", "CO₂", "ppm", 620, 180, 12, 75),
        new("roof-wind", "Roof", "Wind", "m/s", 6.5, 3.5, 0.6, 45),
        new("boiler-pressure", "Boiler", "Pressure", "bar", 1.8, 0.25, 0.02, 100),
        new("hall-noise", "Main hall", "Noise", "dB", 48, 9, 1.5, 30),
        new("solar-power", "Solar array", "Power", "kW", 12, 6, 0.4, 150),
    ];
}
