using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

internal static partial class InterfaceTargetParser
{
    private static (InterfaceModel Interface, EquatableArray<DiagnosticInfo> Diagnostics) ReadInterface(INamedTypeSymbol iface, InterfaceDeclarationSyntax declaration, HashSet<ISymbol> queryMethods)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var name = iface.Name;
        var canEmit = true;

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InterfaceNotPartial, Locations.From(declaration.Identifier), name));
            canEmit = false;
        }

        if (iface.IsGenericType || ContainingTypes(iface).Any(t => t.IsGenericType))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.GenericInterface, Locations.From(declaration.Identifier), name));
            canEmit = false;
        }

        var containing = new List<string>();
        for (var node = declaration.Parent as TypeDeclarationSyntax; node is not null; node = node.Parent as TypeDeclarationSyntax)
        {
            if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ContainingTypeNotPartial, Locations.From(node.Identifier), name, node.Identifier.ValueText));
                canEmit = false;
            }

            containing.Insert(0, "partial " + Keyword(node) + " " + node.Identifier.ValueText + (node.TypeParameterList?.ToString() ?? string.Empty));
        }

        var stubs = new List<string>();
        var fullName = KnownTypes.FullName(iface);
        foreach (var (member, owner) in AbstractMembers(iface))
        {
            if (queryMethods.Contains(member))
            {
                continue;
            }

            var reason = !SymbolEqualityComparer.Default.Equals(owner, iface)
                ? $"it is declared in '{owner.Name}', and generated repositories implement only their own [CqlQuery] methods; move it into '{name}' or give it a default implementation"
                : member.IsStatic
                    ? "static abstract members cannot be implemented by a generated repository; remove it or give it a body"
                    : "the generator implements only [CqlQuery] methods; add [CqlQuery(\"...\")] or give it a default implementation";
            var memberLocation = SymbolEqualityComparer.Default.Equals(owner, iface)
                ? Locations.From(member.Locations.FirstOrDefault())
                : Locations.From(declaration.Identifier);
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.MemberWithoutQuery, memberLocation, member.Name, name, reason));
            if (!member.IsStatic && Stub(member, KnownTypes.FullName(owner)) is { } stub)
            {
                stubs.Add(stub);
            }
        }

        if (Unreachable(iface) is { } why)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InterfaceNotReachable, Locations.From(declaration.Identifier), name, why));
            canEmit = false;
        }

        var model = new InterfaceModel(
            iface.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            name,
            fullName)
        {
            ContainingTypes = containing.ToEquatableArray(),
            CanEmit = canEmit,
            Stubs = stubs.ToEquatableArray(),
        };
        return (model, diagnostics.ToEquatableArray());
    }

    // The implementation is a file-local class beside the interface's namespace, and the DI registration names the
    // interface from another class: both need it reachable from the namespace, not only from its own file or type.
    private static string? Unreachable(INamedTypeSymbol iface)
    {
        if (iface.IsFileLocal)
        {
            return "is file-local ('file')";
        }

        if (!IsReachable(iface.DeclaredAccessibility))
        {
            return $"is {Describe(iface.DeclaredAccessibility)}";
        }

        foreach (var type in ContainingTypes(iface))
        {
            if (type.IsFileLocal)
            {
                return $"is nested in '{type.Name}', which is file-local ('file')";
            }

            if (!IsReachable(type.DeclaredAccessibility))
            {
                return $"is nested in '{type.Name}', which is {Describe(type.DeclaredAccessibility)}";
            }
        }

        return null;
    }

    private static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };

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

                // Accessors come with their property or event; nested types are not members to implement.
                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } or INamedTypeSymbol)
                {
                    continue;
                }

                // A base member the interface implements itself (a default implementation) needs nothing generated.
                if (!SymbolEqualityComparer.Default.Equals(owner, iface) && iface.FindImplementationForInterfaceMember(member) is not null)
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
                var parameters = string.Join(", ", method.Parameters.Select(p => CSharpNames.Modifier(p.RefKind) + KnownTypes.FullName(p.Type) + " " + CSharpNames.Escape(p.Name)));
                return $"{(method.ReturnsByRef ? "ref " : string.Empty)}{KnownTypes.FullName(method.ReturnType)} {owner}.{CSharpNames.Escape(method.Name)}{typeParameters}({parameters}) => {Throw};";
            case IPropertySymbol { IsIndexer: false } property:
                var accessors = (property.GetMethod is not null ? "get => " + Throw + "; " : string.Empty)
                    + (property.SetMethod is { IsInitOnly: true } ? "init => " + Throw + "; " : property.SetMethod is not null ? "set => " + Throw + "; " : string.Empty);
                return $"{KnownTypes.FullName(property.Type)} {owner}.{CSharpNames.Escape(property.Name)} {{ {accessors}}}";
            case IEventSymbol e:
                return $"event {KnownTypes.FullName(e.Type)} {owner}.{CSharpNames.Escape(e.Name)} {{ add => {Throw}; remove => {Throw}; }}";
            default:
                return null;
        }
    }
}
