using System.Globalization;
using System.Text.Json;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// Where a keyspace keeps its copies: SimpleStrategy (the next N nodes on the ring) or NetworkTopologyStrategy (N per
/// data centre, spread over racks). Other strategies (LocalStrategy, EverywhereStrategy, custom) are not routed.
/// Compared by value, so keyspaces with the same replication share one replica table.
/// </summary>
internal sealed record ReplicationStrategy(string Class, int SimpleFactor, EquatableFactors DatacenterFactors)
{
    public bool IsSimple => Class == "SimpleStrategy";

    /// <summary>From a class name and options (system_schema.keyspaces' <c>replication</c> map, or 2.1's strategy_options JSON plus strategy_class).</summary>
    public static ReplicationStrategy? From(string? strategyClass, IReadOnlyDictionary<string, string> options)
    {
        string name = strategyClass ?? string.Empty;
        int dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[(dot + 1)..];
        }

        switch (name)
        {
            case "SimpleStrategy":
                return options.TryGetValue("replication_factor", out string? factor) && Factor(factor) is { } rf
                    ? new ReplicationStrategy(name, rf, EquatableFactors.Empty)
                    : null;
            case "NetworkTopologyStrategy":
                var factors = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach ((string key, string value) in options)
                {
                    if (key != "class" && Factor(value) is { } dcFactor)
                    {
                        factors[key] = dcFactor;
                    }
                }

                return new ReplicationStrategy(name, 0, new EquatableFactors([.. factors]));
            default:
                return null;
        }
    }

    /// <summary>2.1's system.schema_keyspaces: strategy_options is a JSON object of strings.</summary>
    public static ReplicationStrategy? FromJson(string? strategyClass, string? strategyOptions)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(strategyOptions))
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(strategyOptions);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in document.RootElement.EnumerateObject())
                    {
                        options[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return From(strategyClass, options);
    }

    /// <summary>A replication factor; "2/1" (transient replicas, 4.0+) counts the full replicas' total, 2.</summary>
    private static int? Factor(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        ReadOnlySpan<char> total = slash >= 0 ? text.AsSpan(0, slash) : text.AsSpan();
        return int.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;
    }
}

/// <summary>Data centre replication factors, sorted by name, compared by value.</summary>
internal readonly struct EquatableFactors(KeyValuePair<string, int>[] factors) : IEquatable<EquatableFactors>
{
    public static readonly EquatableFactors Empty = new([]);

    public KeyValuePair<string, int>[] Items => factors ?? [];

    public bool Equals(EquatableFactors other) => Items.AsSpan().SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is EquatableFactors other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (KeyValuePair<string, int> item in Items)
        {
            hash.Add(item.Key, StringComparer.Ordinal);
            hash.Add(item.Value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", Items.Select(i => $"{i.Key}: {i.Value}"));
}
