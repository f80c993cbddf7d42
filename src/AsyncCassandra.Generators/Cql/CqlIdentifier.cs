using System.Text;

namespace AsyncCassandra.Generators.Cql;

/// <summary>CQL's rules for names: unquoted names are case-insensitive (lowercased), quoted ones exact.</summary>
internal static class CqlIdentifier
{
    /// <summary>
    /// Normalizes a name written as CQL (for example in <c>[CqlTable("Users")]</c>): <c>Users</c> becomes
    /// <c>users</c>, <c>"Users"</c> stays <c>Users</c> with <c>""</c> unescaped.
    /// </summary>
    public static string Normalize(string written)
    {
        if (written.Length >= 2 && written[0] == '"' && written[written.Length - 1] == '"')
        {
            return written.Substring(1, written.Length - 2).Replace("\"\"", "\"");
        }

        return written.ToLowerInvariant();
    }

    /// <summary>True when <paramref name="name"/> (already normalized) reads the same unquoted.</summary>
    public static bool CanBeUnquoted(string name)
    {
        if (name.Length == 0 || !IsAsciiLetter(name[0]) || CqlKeywords.IsReserved(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLower(c) || IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a normalized name so that CQL reads it back unchanged (quoting only when needed).</summary>
    public static string Format(string name) =>
        CanBeUnquoted(name) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>Unquoted identifier characters: an ASCII letter first (not '_': the server's IDENT rule), then letters, digits and '_'.</summary>
    public static bool IsIdentifierStart(char c) => IsAsciiLetter(c);

    public static bool IsIdentifierPart(char c) => IsAsciiLetter(c) || IsAsciiDigit(c) || c == '_';

    internal static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    internal static bool IsAsciiLower(char c) => c >= 'a' && c <= 'z';

    internal static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    internal static bool IsHexDigit(char c) =>
        IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    /// <summary>Joins names as CQL would print them: <c>a, b</c>.</summary>
    public static string Join(IEnumerable<string> names)
    {
        var builder = new StringBuilder();
        foreach (var name in names)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(name);
        }

        return builder.ToString();
    }
}
