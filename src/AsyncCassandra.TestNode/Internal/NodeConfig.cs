using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AsyncCassandra.Testing.Internal;

/// <summary>Writes a node's conf directory: cassandra.yaml (from the package's cassandra.json) and logback.xml.</summary>
internal static class NodeConfig
{
    internal const string YamlFileName = "cassandra.yaml";

    /// <summary>Creates <paramref name="confDir"/> with everything the node's classpath needs.</summary>
    internal static void Write(
        string cassandraHome, string packageRoot, string confDir, string dataDir, string address, string seedAddress,
        int nativePort, CassandraTestClusterOptions options)
    {
        Directory.CreateDirectory(confDir);

        // The npm package ships no conf/cassandra.yaml: its index.js writes one from cassandra.json (the
        // defaults of Cassandra 2.1.0's own yaml). We do the same, into the node's own conf directory.
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(packageRoot, "cassandra.json")))!.AsObject();

        // key_cache_size_in_mb, counter_cache_size_in_mb and index_summary_capacity_in_mb are null ("auto"):
        // Cassandra 2.1 wants the keys absent rather than null.
        foreach (var key in settings.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            settings.Remove(key);
        }

        settings["cluster_name"] = options.ClusterName;
        settings["data_file_directories"] = new JsonArray(Path.Combine(dataDir, "data"));
        settings["commitlog_directory"] = Path.Combine(dataDir, "commitlog");
        settings["saved_caches_directory"] = Path.Combine(dataDir, "saved_caches");
        settings["listen_address"] = address;
        settings["rpc_address"] = address;
        settings["native_transport_port"] = nativePort;
        settings["storage_port"] = CassandraTestCluster.StoragePort;
        settings["start_native_transport"] = true;
        settings["start_rpc"] = false;
        settings["disk_access_mode"] = "standard";
        settings["auto_bootstrap"] = false;   // nodes of a fresh test cluster join without streaming
        settings["auto_snapshot"] = false;    // DROP/TRUNCATE in tests need no snapshots
        settings["seed_provider"] = new JsonArray(new JsonObject
        {
            ["class_name"] = "org.apache.cassandra.locator.SimpleSeedProvider",
            ["parameters"] = new JsonArray(new JsonObject { ["seeds"] = seedAddress }),
        });

        foreach (var (key, value) in options.ConfigurationOverrides)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = ToNode(key, value);
            }
        }

        foreach (var dir in new[] { "data", "commitlog", "saved_caches" })
        {
            Directory.CreateDirectory(Path.Combine(dataDir, dir));
        }

        File.WriteAllText(Path.Combine(confDir, YamlFileName), ToYaml(settings));
        File.WriteAllText(Path.Combine(confDir, "logback.xml"), LogbackXml(Path.Combine(cassandraHome, "conf", "logback.xml")));
        foreach (var name in new[] { "cassandra-topology.properties", "cassandra-rackdc.properties", "commitlog_archiving.properties" })
        {
            var source = Path.Combine(cassandraHome, "conf", name);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(confDir, name), overwrite: true);
            }
        }
    }

    /// <summary>
    /// The package's logback.xml logs everything at DEBUG to stdout, which slows start-up and floods the log;
    /// keep its console appender, at INFO, without the config-file scanner thread.
    /// </summary>
    private static string LogbackXml(string packageLogback)
    {
        var text = File.Exists(packageLogback) ? File.ReadAllText(packageLogback) : string.Empty;
        if (text.Contains("<root level=\"DEBUG\">", StringComparison.Ordinal) && text.Contains("ConsoleAppender", StringComparison.Ordinal))
        {
            return text
                .Replace("<root level=\"DEBUG\">", "<root level=\"INFO\">", StringComparison.Ordinal)
                .Replace("<configuration scan=\"true\">", "<configuration>", StringComparison.Ordinal);
        }

        return """
            <configuration>
              <jmxConfigurator />
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level %date{HH:mm:ss,SSS} %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="STDOUT" />
              </root>
              <logger name="com.thinkaurelius.thrift" level="ERROR"/>
            </configuration>
            """;
    }

    private static JsonNode ToNode(string key, object value) => value switch
    {
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        IEnumerable<string> strings => new JsonArray(strings.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        _ => throw new ArgumentException(
            $"ConfigurationOverrides[\"{key}\"] has unsupported type {value.GetType()}; use string, bool, int, long, double, a sequence of strings, or null.",
            nameof(value)),
    };

    // ----- a small block-style YAML writer (JSON values only) -----

    internal static string ToYaml(JsonObject settings)
    {
        var sb = new StringBuilder();
        sb.Append("# Generated by AsyncCassandra.Testing from the npm package's cassandra.json").Append('\n');
        WriteMapping(sb, settings, 0);
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject mapping, int indent)
    {
        foreach (var (key, value) in mapping)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValueAfterKey(sb, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case JsonObject obj:
                sb.Append('\n');
                WriteMapping(sb, obj, indent + 2);
                break;
            case JsonArray { Count: 0 }:
                sb.Append(" []\n");
                break;
            case JsonArray array:
                sb.Append('\n');
                WriteSequence(sb, array, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray sequence, int indent)
    {
        foreach (var item in sequence)
        {
            sb.Append(' ', indent).Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } obj:
                    // the first key goes on the dash line, the rest align under it
                    var inner = new StringBuilder();
                    WriteMapping(inner, obj, indent + 2);
                    sb.Append(inner.ToString(indent + 2, inner.Length - (indent + 2)));
                    break;
                case JsonArray { Count: > 0 } nested:
                    var innerSeq = new StringBuilder();
                    WriteSequence(innerSeq, nested, indent + 2);
                    sb.Append(innerSeq.ToString(indent + 2, innerSeq.Length - (indent + 2)));
                    break;
                case JsonObject:
                    sb.Append("{}\n");
                    break;
                case JsonArray:
                    sb.Append("[]\n");
                    break;
                default:
                    sb.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? key : Quote(key);

    private static string Scalar(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        var element = value.AsValue();
        return element.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => Quote(element.GetValue<string>()),
            System.Text.Json.JsonValueKind.True => "true",
            System.Text.Json.JsonValueKind.False => "false",
            System.Text.Json.JsonValueKind.Null => "null",
            System.Text.Json.JsonValueKind.Number => element.ToJsonString(),
            var kind => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unexpected JSON value kind {kind}.")),
        };
    }

    /// <summary>A YAML double-quoted scalar; JSON string escapes are valid YAML escapes.</summary>
    private static string Quote(string value) => JsonValue.Create(value).ToJsonString();
}
