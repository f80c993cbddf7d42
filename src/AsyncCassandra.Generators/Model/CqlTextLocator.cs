using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// Turns an offset range of the CQL text into a location inside the C# string literal that holds it (see
/// <see cref="StringLiteralOffsets"/>), or into the whole argument when the CQL is not a plain literal (a constant).
/// Equatable: the literal's text and start are kept, not its syntax.
/// </summary>
/// <param name="FilePath">The file of the literal.</param>
/// <param name="LiteralStart">The literal's start in the file.</param>
/// <param name="LiteralStartLine">The line and character where the literal starts.</param>
/// <param name="LiteralText">The literal as written, quotes included; empty when it is not a plain literal.</param>
/// <param name="Map">Value offset to literal offset (<see cref="StringLiteralOffsets.TryBuild"/>); empty when not a plain literal.</param>
/// <param name="Fallback">The whole attribute argument (or the attribute).</param>
internal sealed record CqlTextLocator(
    string FilePath,
    int LiteralStart,
    LinePosition LiteralStartLine,
    string LiteralText,
    EquatableArray<int> Map,
    LocationInfo? Fallback)
{
    public static CqlTextLocator Create(ExpressionSyntax? argument, LocationInfo? fallback)
    {
        if (argument is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            var token = literal.Token;
            var map = StringLiteralOffsets.TryBuild(token.Text);
            if (map is not null)
            {
                var line = token.GetLocation().GetLineSpan().StartLinePosition;
                return new CqlTextLocator(token.SyntaxTree?.FilePath ?? string.Empty, token.SpanStart, line, token.Text, EquatableArray.Create(map), LocationInfo.From(argument) ?? fallback);
            }
        }

        return new CqlTextLocator(string.Empty, 0, default, string.Empty, EquatableArray<int>.Empty, LocationInfo.From(argument) ?? fallback);
    }

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

        return new LocationInfo(
            FilePath,
            new TextSpan(LiteralStart + start, end - start),
            new LinePositionSpan(Position(start), Position(end)));
    }

    private static int Clamp(int value, int max) => value < 0 ? 0 : value > max ? max : value;

    private LinePosition Position(int literalOffset)
    {
        var line = LiteralStartLine.Line;
        var character = LiteralStartLine.Character;
        for (var i = 0; i < literalOffset && i < LiteralText.Length; i++)
        {
            if (LiteralText[i] == '\n')
            {
                line++;
                character = 0;
            }
            else
            {
                character++;
            }
        }

        return new LinePosition(line, character);
    }
}
