using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>How names and parameter modifiers are written back in generated C#.</summary>
internal static class CSharpNames
{
    /// <summary>A name as an identifier: keywords get '@' (<c>@class</c>).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The modifier of a parameter passed by reference, with a trailing space; empty by value.</summary>
    public static string Modifier(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };
}
