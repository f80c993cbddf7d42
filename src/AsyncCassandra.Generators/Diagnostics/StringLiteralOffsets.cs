namespace AsyncCassandra.Generators.Diagnostics;

/// <summary>
/// Maps an offset in a C# string literal's value (the CQL text) to an offset in the literal's source text,
/// so that a diagnostic about CQL can underline the exact characters inside the literal even when escapes
/// (<c>\"</c>, <c>""</c>, <c>\u0041</c>) or a raw literal's indentation make the two differ.
/// </summary>
internal static class StringLiteralOffsets
{
    /// <summary>
    /// Builds the map for a literal written as <paramref name="source"/> (the token's text, quotes included):
    /// <c>map[i]</c> is the source offset where value character <c>i</c> begins, and <c>map[value.Length]</c>
    /// the offset just after the last one. Returns null for anything but a regular, verbatim or raw string
    /// literal (interpolated strings, concatenations); callers then point at the whole expression.
    /// </summary>
    public static int[]? TryBuild(string source)
    {
        if (source.StartsWith("@\"", StringComparison.Ordinal))
        {
            return Verbatim(source);
        }

        if (source.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            return Raw(source);
        }

        return source.StartsWith("\"", StringComparison.Ordinal) ? Regular(source) : null;
    }

    private static int[]? Regular(string source)
    {
        var map = new List<int>();
        var i = 1;
        var end = source.Length - 1;
        if (end < 1 || source[end] != '"')
        {
            return null;
        }

        while (i < end)
        {
            var start = i;
            if (source[i] != '\\')
            {
                map.Add(start);
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                return null;
            }

            var escape = source[i + 1];
            switch (escape)
            {
                case 'u':
                    map.Add(start);
                    i += 6;
                    break;
                case 'U':
                    map.Add(start);
                    if (i + 10 <= end && uint.TryParse(source.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, null, out var codePoint) && codePoint > 0xFFFF)
                    {
                        map.Add(start);
                    }

                    i += 10;
                    break;
                case 'x':
                    map.Add(start);
                    i += 2;
                    for (var digits = 0; digits < 4 && i < end && IsHex(source[i]); digits++)
                    {
                        i++;
                    }

                    break;
                default:
                    map.Add(start);
                    i += 2;
                    break;
            }
        }

        map.Add(Math.Min(i, end));
        return [.. map];
    }

    private static int[]? Verbatim(string source)
    {
        var map = new List<int>();
        var end = source.Length - 1;
        if (end < 2 || source[end] != '"')
        {
            return null;
        }

        var i = 2;
        while (i < end)
        {
            map.Add(i);
            i += source[i] == '"' && i + 1 < end && source[i + 1] == '"' ? 2 : 1;
        }

        map.Add(end);
        return [.. map];
    }

    private static int[]? Raw(string source)
    {
        var quotes = 0;
        while (quotes < source.Length && source[quotes] == '"')
        {
            quotes++;
        }

        var contentEnd = source.Length - quotes;
        if (contentEnd < quotes)
        {
            return null;
        }

        var firstNewline = source.IndexOf('\n', quotes);
        if (firstNewline < 0 || firstNewline >= contentEnd)
        {
            // Single line: the value is the text between the delimiters.
            return [.. Enumerable.Range(quotes, contentEnd - quotes + 1)];
        }

        // Multi-line: the value runs from the line after the opening quotes to the end of the line before
        // the closing quotes, each line without the closing line's indentation.
        var closingLineStart = source.LastIndexOf('\n', contentEnd - 1) + 1;
        var indentation = contentEnd - closingLineStart;
        var lastNewline = closingLineStart - 1;
        if (lastNewline > 0 && source[lastNewline - 1] == '\r')
        {
            lastNewline--;
        }

        var map = new List<int>();
        var lineStart = firstNewline + 1;
        while (lineStart <= lastNewline)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            var contentStart = Math.Min(lineStart + indentation, lineEnd);
            if (lineEnd > lineStart && source[lineEnd - 1] == '\r')
            {
                contentStart = Math.Min(contentStart, lineEnd - 1);
            }

            for (var i = contentStart; i < lineEnd && i < lastNewline; i++)
            {
                map.Add(i);
            }

            if (lineEnd >= lastNewline)
            {
                break;
            }

            map.Add(lineEnd);
            lineStart = lineEnd + 1;
        }

        map.Add(lastNewline);
        return [.. map];
    }

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
