using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>Turns Roslyn locations into the models' plain <see cref="LocationInfo"/>.</summary>
internal static class Locations
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location == Location.None || location.SourceTree is null)
        {
            return null;
        }

        var span = location.SourceSpan;
        var lines = location.GetLineSpan().Span;
        return new LocationInfo(location.SourceTree.FilePath, span.Start, span.Length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
    }

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());
}
