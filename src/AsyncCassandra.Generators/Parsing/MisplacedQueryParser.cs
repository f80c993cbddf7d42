using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>[CqlQuery] on a method outside an interface (ACQL0006): found by attribute, reported, never generated.</summary>
internal static class MisplacedQueryParser
{
    /// <summary>Syntax-only filter: a method declared outside an interface.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is MethodDeclarationSyntax { Parent: not InterfaceDeclarationSyntax };

    public static DiagnosticInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        return method.ContainingType is { TypeKind: not TypeKind.Interface } container
            ? DiagnosticFactory.Create(DiagnosticDescriptors.CqlQueryOutsideInterface, Locations.From(((MethodDeclarationSyntax)context.TargetNode).Identifier), method.Name, KnownTypes.Display(container))
            : null;
    }
}
