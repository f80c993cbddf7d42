using System.Globalization;

namespace Realtime.Sensors;

/// <summary>The partition bucket of a moment: its UTC day.</summary>
public static class Day
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
