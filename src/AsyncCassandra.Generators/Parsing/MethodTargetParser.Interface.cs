using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

internal static partial class MethodTargetParser
{
    private static (InterfaceModel Interface, EquatableArray<DiagnosticInfo> Diagnostics) ReadInterface(INamedTypeSymbol iface, MethodDeclarationSyntax method)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var declaration = method.Parent as InterfaceDeclarationSyntax;
        var name = iface.Name;
        var canEmit = true;

        if (declaration is not null && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InterfaceNotPartial, LocationInfo.From(declaration.Identifier), name));
            canEmit = false;
        }

        if (iface.IsGenericType || ContainingTypes(iface).Any(t => t.IsGenericType))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericInterface, LocationInfo.From(declaration?.Identifier ?? method.Identifier), name));
            canEmit = false;
        }

        var containing = new List<string>();
        for (var node = declaration?.Parent as TypeDeclarationSyntax; node is not null; node = node.Parent as TypeDeclarationSyntax)
        {
            if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(node.Identifier), name, node.Identifier.ValueText));
                canEmit = false;
            }

            containing.Insert(0, "partial " + Keyword(node) + " " + node.Identifier.ValueText + (node.TypeParameterList?.ToString() ?? string.Empty));
        }

        var stubs = new List<string>();
        var fullName = KnownTypes.FullName(iface);
        foreach (var (member, owner) in AbstractMembers(iface))
        {
            if (member is IMethodSymbol m && SymbolEqualityComparer.Default.Equals(owner, iface) && KnownTypes.HasAttribute(m, KnownTypes.CqlQueryAttribute))
            {
                continue;
            }

            var reason = !SymbolEqualityComparer.Default.Equals(owner, iface)
                ? $"it is declared in '{owner.Name}', and generated repositories implement only their own [CqlQuery] methods; move it into '{name}' or give it a default implementation"
                : member.IsStatic
                    ? "static abstract members cannot be implemented by a generated repository; remove it or give it a body"
                    : "the generator implements only [CqlQuery] methods; add [CqlQuery(\"...\")] or give it a default implementation";
            var memberLocation = SymbolEqualityComparer.Default.Equals(owner, iface)
                ? LocationInfo.From(member.Locations.FirstOrDefault())
                : LocationInfo.From(declaration?.Identifier ?? method.Identifier);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberWithoutQuery, memberLocation, member.Name, name, reason));
            if (!member.IsStatic && Stub(member, KnownTypes.FullName(owner)) is { } stub)
            {
                stubs.Add(stub);
            }
        }

        var accessible = iface.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
            && ContainingTypes(iface).All(t => t.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
        var model = new InterfaceModel(
            iface.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            name,
            fullName)
        {
            ContainingTypes = containing.ToEquatableArray(),
            CanEmit = canEmit,
            IsAccessible = accessible,
            Stubs = stubs.ToEquatableArray(),
        };
        return (model, diagnostics.ToEquatableArray());
    }

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            yield return t;
        }
    }

    private static string Keyword(TypeDeclarationSyntax node) => node switch
    {
        RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    // Members a class implementing the interface must provide: abstract, non-accessor members of it and its bases.
    private static IEnumerable<(ISymbol Member, INamedTypeSymbol Owner)> AbstractMembers(INamedTypeSymbol iface)
    {
        foreach (var owner in new[] { iface }.Concat(iface.AllInterfaces))
        {
            foreach (var member in owner.GetMembers())
            {
                if (!member.IsAbstract)
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                {
                    continue;
                }

                yield return (member, owner);
            }
        }
    }

    // An explicit implementation that throws, so the class compiles while ACQL0012 explains the problem.
    private static string? Stub(ISymbol member, string owner)
    {
        const string Throw = "throw new global::System.NotSupportedException(\"This member is not implemented by the generated repository; see diagnostic ACQL0012.\")";
        switch (member)
        {
            case IMethodSymbol method:
                var typeParameters = method.IsGenericMethod ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty;
                var parameters = string.Join(", ", method.Parameters.Select(p => RefKind(p.RefKind) + KnownTypes.FullName(p.Type) + " " + EscapeIdentifier(p.Name)));
                return $"{(method.ReturnsByRef ? "ref " : string.Empty)}{KnownTypes.FullName(method.ReturnType)} {owner}.{EscapeIdentifier(method.Name)}{typeParameters}({parameters}) => {Throw};";
            case IPropertySymbol { IsIndexer: false } property:
                var accessors = (property.GetMethod is not null ? "get => " + Throw + "; " : string.Empty)
                    + (property.SetMethod is { IsInitOnly: true } ? "init => " + Throw + "; " : property.SetMethod is not null ? "set => " + Throw + "; " : string.Empty);
                return $"{KnownTypes.FullName(property.Type)} {owner}.{EscapeIdentifier(property.Name)} {{ {accessors}}}";
            case IEventSymbol e:
                return $"event {KnownTypes.FullName(e.Type)} {owner}.{EscapeIdentifier(e.Name)} {{ add => {Throw}; remove => {Throw}; }}";
            default:
                return null;
        }
    }

    private static string RefKind(RefKind kind) => kind switch
    {
        Microsoft.CodeAnalysis.RefKind.Ref => "ref ",
        Microsoft.CodeAnalysis.RefKind.Out => "out ",
        Microsoft.CodeAnalysis.RefKind.In => "in ",
        Microsoft.CodeAnalysis.RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };
}
