using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>Builds the <see cref="CqlTextLocator"/> of a [CqlQuery] argument from its syntax.</summary>
internal static class CqlLiteralLocator
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
                return new CqlTextLocator(token.SyntaxTree?.FilePath ?? string.Empty, token.SpanStart, line.Line, line.Character, token.Text, EquatableArray.Create(map), Locations.From(argument) ?? fallback);
            }
        }

        return new CqlTextLocator(string.Empty, 0, 0, 0, string.Empty, EquatableArray<int>.Empty, Locations.From(argument) ?? fallback);
    }
}
