using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AsyncCassandra;

/// <summary>Reads <see cref="CassandraOptions"/> from a configuration section key by key (no reflection binder: trimming and AOT safe).</summary>
internal static class CassandraConfigurationReader
{
    public static CassandraOptions Read(IConfiguration section)
    {
        var options = new CassandraOptions();
        ReadContactPoints(section, options);
        Int(section, "Port", v => options.Port = v);
        Str(section, "Keyspace", v => options.Keyspace = v);
        Str(section, "LocalDatacenter", v => options.LocalDatacenter = v);
        string? username = section["Username"] ?? section["Credentials:Username"];
        if (!string.IsNullOrEmpty(username))
        {
            options.Credentials = new CassandraCredentials(username, section["Password"] ?? section["Credentials:Password"] ?? string.Empty);
        }

        Int(section, "ProtocolVersion", v => options.ProtocolVersion = v);
        Int(section, "MinimumProtocolVersion", v => options.MinimumProtocolVersion = v);
        Time(section, "RequestTimeout", v => options.RequestTimeout = v);
        Time(section, "ConnectTimeout", v => options.ConnectTimeout = v);
        Time(section, "HeartbeatInterval", v => options.HeartbeatInterval = v);
        Time(section, "ReconnectBaseDelay", v => options.ReconnectBaseDelay = v);
        Time(section, "ReconnectMaxDelay", v => options.ReconnectMaxDelay = v);
        Int(section, "ConnectionsPerHost", v => options.ConnectionsPerHost = v);
        Int(section, "MaxRequestsPerConnection", v => options.MaxRequestsPerConnection = v);
        Int(section, "DefaultPageSize", v => options.DefaultPageSize = v);
        Str(section, "TokenAwareRouting", v => options.TokenAwareRouting = bool.TryParse(v, out bool on) ? on : throw Bad(section, "TokenAwareRouting", v, "true or false"));
        TimeSpan? speculationDelay = null;
        Time(section, "SpeculativeExecutionDelay", v => speculationDelay = v);
        int maxSpeculative = 1;
        Int(section, "MaxSpeculativeExecutions", v => maxSpeculative = v);
        if (speculationDelay is { } delay)
        {
            try
            {
                options.SpeculativeExecutionPolicy = new ConstantSpeculativeExecutionPolicy(delay, maxSpeculative);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                string prefix = section is IConfigurationSection s && s.Path.Length > 0 ? s.Path + ":" : string.Empty;
                throw new ArgumentException($"Configuration '{prefix}SpeculativeExecutionDelay'/'{prefix}MaxSpeculativeExecutions': {ex.Message}", ex);
            }
        }

        Str(section, "Compression", v => options.Compression = ParseCompression(section, v));
        Str(section, "DefaultConsistency", v => options.DefaultConsistency = ParseConsistency(section, "DefaultConsistency", v));
        Str(section, "DefaultSerialConsistency", v => options.DefaultSerialConsistency = ParseConsistency(section, "DefaultSerialConsistency", v));
        return options;
    }

    private static void ReadContactPoints(IConfiguration section, CassandraOptions options)
    {
        IConfigurationSection points = section.GetSection("ContactPoints");
        if (!string.IsNullOrWhiteSpace(points.Value))
        {
            foreach (string point in points.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.ContactPoints.Add(point);
            }

            return;
        }

        foreach (IConfigurationSection child in points.GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                options.ContactPoints.Add(child.Value.Trim());
            }
        }
    }

    private static void Str(IConfiguration section, string key, Action<string> set)
    {
        if (section[key] is { Length: > 0 } value)
        {
            set(value.Trim());
        }
    }

    private static void Int(IConfiguration section, string key, Action<int> set) => Str(section, key, value =>
        set(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw Bad(section, key, value, "a whole number")));

    private static void Time(IConfiguration section, string key, Action<TimeSpan> set) => Str(section, key, value =>
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms))
        {
            set(TimeSpan.FromMilliseconds(ms));
        }
        else if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            set(span);
        }
        else
        {
            throw Bad(section, key, value, "a TimeSpan such as 00:00:12, or a number of milliseconds");
        }
    });

    private static CompressionAlgorithm ParseCompression(IConfiguration section, string value) => value.ToUpperInvariant() switch
    {
        "NONE" => CompressionAlgorithm.None,
        "LZ4" => CompressionAlgorithm.Lz4,
        _ => throw Bad(section, "Compression", value, "None or Lz4"),
    };

    private static ConsistencyLevel ParseConsistency(IConfiguration section, string key, string value) =>
        value.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "ANY" => ConsistencyLevel.Any,
            "ONE" => ConsistencyLevel.One,
            "TWO" => ConsistencyLevel.Two,
            "THREE" => ConsistencyLevel.Three,
            "QUORUM" => ConsistencyLevel.Quorum,
            "ALL" => ConsistencyLevel.All,
            "LOCALQUORUM" => ConsistencyLevel.LocalQuorum,
            "EACHQUORUM" => ConsistencyLevel.EachQuorum,
            "SERIAL" => ConsistencyLevel.Serial,
            "LOCALSERIAL" => ConsistencyLevel.LocalSerial,
            "LOCALONE" => ConsistencyLevel.LocalOne,
            _ => throw Bad(section, key, value, "a consistency level such as LocalQuorum"),
        };

    private static ArgumentException Bad(IConfiguration section, string key, string value, string expected)
    {
        string path = section is IConfigurationSection s && s.Path.Length > 0 ? s.Path + ":" + key : key;
        return new ArgumentException($"Configuration '{path}' is '{value}'; expected {expected}.");
    }
}
