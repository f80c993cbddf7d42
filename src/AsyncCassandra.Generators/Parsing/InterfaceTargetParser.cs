using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>
/// The first pipeline step: reads one repository interface and all of its [CqlQuery] methods in a single pass over
/// its members (linear in their number), into an <see cref="InterfaceTarget"/>.
/// </summary>
internal static partial class InterfaceTargetParser
{
    /// <summary>Syntax-only filter: an interface declaring a method with attributes.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InterfaceDeclarationSyntax declaration && HasAttributedMethod(declaration);

    public static InterfaceTarget? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol iface
            || !IsPrimary(iface, declaration, cancellationToken))
        {
            return null;
        }

        var members = iface.GetMembers();
        var overloads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            overloads[member.Name] = overloads.TryGetValue(member.Name, out var count) ? count + 1 : 1;
        }

        var methods = new List<MethodTarget>();
        var queryMethods = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i] is IMethodSymbol method
                && KnownTypes.GetAttribute(method, KnownTypes.CqlQueryAttribute) is { } attribute
                && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax)
            {
                cancellationToken.ThrowIfCancellationRequested();
                methods.Add(MethodTargetParser.Parse(method, syntax, attribute, i, overloads[method.Name] > 1, cancellationToken));
                queryMethods.Add(method);
            }
        }

        if (methods.Count == 0)
        {
            return null;
        }

        var (model, diagnostics) = ReadInterface(iface, declaration, queryMethods);
        model = model with
        {
            ObliviousNullability = !context.SemanticModel.GetNullableContext(declaration.SpanStart).AnnotationsEnabled(),
            HidesBaseCreate = iface.AllInterfaces.Any(IsRepository),
        };
        return new InterfaceTarget(model, methods.ToEquatableArray(), diagnostics);
    }

    // A base interface with [CqlQuery] methods of its own also gets a generated static Create.
    private static bool IsRepository(INamedTypeSymbol iface) =>
        iface.GetMembers().Any(m => m is IMethodSymbol method && KnownTypes.HasAttribute(method, KnownTypes.CqlQueryAttribute));

    private static bool HasAttributedMethod(InterfaceDeclarationSyntax declaration)
    {
        foreach (var member in declaration.Members)
        {
            if (member is MethodDeclarationSyntax { AttributeLists.Count: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    // A partial interface declared in several places is read once, at its first declaration that passes the filter.
    private static bool IsPrimary(INamedTypeSymbol iface, InterfaceDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        foreach (var reference in iface.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is InterfaceDeclarationSyntax candidate && HasAttributedMethod(candidate))
            {
                return candidate.SyntaxTree == declaration.SyntaxTree && candidate.Span == declaration.Span;
            }
        }

        return false;
    }
}
