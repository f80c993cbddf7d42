using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// Turns an offset range of the CQL text into a location inside the C# string literal that holds it (see
/// <c>Diagnostics.StringLiteralOffsets</c>), or into the whole argument when the CQL is not a plain literal (a
/// constant). Equatable: the literal's text and start are kept, not its syntax (made by <c>Parsing.CqlLiteralLocator</c>).
/// </summary>
/// <param name="FilePath">The file of the literal.</param>
/// <param name="LiteralStart">The literal's start in the file.</param>
/// <param name="LiteralStartLine">The zero-based line where the literal starts.</param>
/// <param name="LiteralStartColumn">The zero-based character in that line where the literal starts.</param>
/// <param name="LiteralText">The literal as written, quotes included; empty when it is not a plain literal.</param>
/// <param name="Map">Value offset to literal offset; empty when not a plain literal.</param>
/// <param name="Fallback">The whole attribute argument (or the attribute).</param>
internal sealed record CqlTextLocator(
    string FilePath,
    int LiteralStart,
    int LiteralStartLine,
    int LiteralStartColumn,
    string LiteralText,
    EquatableArray<int> Map,
    LocationInfo? Fallback)
{
    /// <summary>The location of CQL characters [offset, offset + length).</summary>
    public LocationInfo? Locate(int offset, int length)
    {
        if (Map.Count == 0)
        {
            return Fallback;
        }

        var last = Map.Count - 1;
        var start = Map[Clamp(offset, last)];
        var end = Map[Clamp(offset + Math.Max(length, 0), last)];
        if (end < start)
        {
            end = start;
        }

        var (startLine, startColumn) = Position(start);
        var (endLine, endColumn) = Position(end);
        return new LocationInfo(FilePath, LiteralStart + start, end - start, startLine, startColumn, endLine, endColumn);
    }

    private static int Clamp(int value, int max) => value < 0 ? 0 : value > max ? max : value;

    private (int Line, int Column) Position(int literalOffset)
    {
        var line = LiteralStartLine;
        var column = LiteralStartColumn;
        for (var i = 0; i < literalOffset && i < LiteralText.Length; i++)
        {
            if (LiteralText[i] == '\n')
            {
                line++;
                column = 0;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
