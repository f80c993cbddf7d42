using System.Text;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Tests.Conformance;

/// <summary>
/// The [CqlQuery] method a user would declare for a statement, so that only the CQL decides whether it compiles: a
/// parameter per marker (typed as its clause requires), and a return type that fits what the statement returns
/// (rows into a class with a [CqlColumn] member per selected item, one column as a scalar, nothing for writes,
/// Task&lt;bool&gt; for conditional statements).
/// </summary>
internal static class MethodShape
{
    /// <summary>The method (and the row class it reads into, if any), or null when no C# method can bind the statement's markers.</summary>
    public static string? Declare(int index, string cql)
    {
        var statement = CqlParser.Parse(cql);
        var parameters = Parameters(statement);
        if (parameters is null)
        {
            return null;
        }

        var rowClass = string.Empty;
        var returns = "global::System.Threading.Tasks.Task";
        if (statement.IsConditional)
        {
            returns = "global::System.Threading.Tasks.Task<bool>";
        }
        else if (statement.IsSelect && !statement.HasErrors)
        {
            var (element, row) = Rows(index, statement);
            returns = $"global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<{element}>>";
            rowClass = row;
        }

        return $"{rowClass}    [CqlQuery({Literal(cql)})] {returns} M{index}({parameters});\n";
    }

    private static string? Parameters(CqlStatement statement)
    {
        var list = new List<string>();
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var marker in statement.Markers)
        {
            var type = marker.Role switch
            {
                CqlMarkerRole.Limit or CqlMarkerRole.PerPartitionLimit or CqlMarkerRole.Ttl => "int",
                CqlMarkerRole.Timestamp => "long",
                CqlMarkerRole.InList => "global::System.Collections.Generic.IEnumerable<string>",
                _ => "string?",
            };
            if (!marker.IsNamed)
            {
                list.Add($"{type} p{list.Count}");
                continue;
            }

            var key = Naming.Loose(marker.Name);
            if (named.TryGetValue(key, out var at))
            {
                // One parameter feeds every marker of the name; a number role wins over text.
                if (type is "int" or "long")
                {
                    list[at] = type + list[at].Substring(list[at].IndexOf(' ', StringComparison.Ordinal));
                }

                continue;
            }

            if (!IsIdentifier(marker.Name))
            {
                return null;
            }

            named[key] = list.Count;
            list.Add($"{type} @{marker.Name}");
        }

        return string.Join(", ", list);
    }

    private static (string Element, string RowClass) Rows(int index, CqlStatement statement)
    {
        if (statement.IsJson)
        {
            return ("string?", string.Empty);
        }

        if (statement.IsSelectStar)
        {
            return ("AnyRow", string.Empty);
        }

        if (statement.Selectors.Count == 1)
        {
            return (ClrType(statement.Selectors[0]), string.Empty);
        }

        var row = new StringBuilder();
        row.Append($"    public sealed class Row{index}\n    {{\n");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statement.Selectors.Count; i++)
        {
            var selector = statement.Selectors[i];
            if (!seen.Add(selector.ResultName))
            {
                continue;
            }

            row.Append($"        [CqlColumn({Literal("\"" + selector.ResultName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")})] public {ClrType(selector)} C{i} {{ get; set; }}\n");
        }

        row.Append("    }\n");
        return ($"Row{index}", row.ToString());
    }

    // The type the checker knows for an expression (count → long...), else text: without a schema it checks no other.
    private static string ClrType(CqlSelector selector) =>
        Analysis.SelectorTypes.Known(selector) is { Kind: CqlTypeKind.Native } type ? Native(type.Name) : "string?";

    private static string Native(string name) => name switch
    {
        "int" => "int?",
        "bigint" or "counter" => "long?",
        "smallint" => "short?",
        "tinyint" => "sbyte?",
        "double" => "double?",
        "float" => "float?",
        "boolean" => "bool?",
        "decimal" => "decimal?",
        "varint" => "global::System.Numerics.BigInteger?",
        "uuid" or "timeuuid" => "global::System.Guid?",
        "timestamp" => "global::System.DateTimeOffset?",
        "date" => "global::System.DateOnly?",
        "time" => "global::System.TimeOnly?",
        "inet" => "global::System.Net.IPAddress?",
        "blob" => "byte[]?",
        "duration" => "global::AsyncCassandra.CqlDuration?",
        _ => "string?",
    };

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
