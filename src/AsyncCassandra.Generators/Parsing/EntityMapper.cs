using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>
/// Reads the members of a class, record or struct for mapping: the constructor to create it with (a record's or
/// class's primary constructor, else a parameterless one, else the only one), its parameters, and the public
/// settable, init and readable properties and fields, with [CqlColumn] and [CqlIgnore].
/// </summary>
internal static class EntityMapper
{
    /// <summary>Why a type cannot be mapped member by member (as a row, an entity parameter or a user-defined type); null when it can.</summary>
    public static string? WhyNotMappable(INamedTypeSymbol type)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return type.TypeKind == TypeKind.Interface ? "interfaces cannot be created from a row" : "it has no CQL type";
        }

        if (type.SpecialType == SpecialType.System_Object || type.IsStatic)
        {
            return "it has no CQL type";
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            return "it has no CQL type";
        }

        return null;
    }

    public static EntityModel Map(INamedTypeSymbol type, MappingContext context, int depth)
    {
        var typeName = KnownTypes.FullNameWithoutTopNullable(type);
        var model = new EntityModel(typeName, KnownTypes.Display(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))) { IsValueType = type.IsValueType };
        var (constructor, notConstructible) = ChooseConstructor(type);
        var members = new List<MemberModel>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var properties = AllMembers(type).ToList();

        if (constructor is not null)
        {
            foreach (var parameter in constructor.Parameters)
            {
                var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                var member = new MemberModel(property?.Name ?? parameter.Name, TypeMapper.Map(parameter.Type, context, depth))
                {
                    ParameterName = parameter.Name,
                    HasDefault = parameter.HasExplicitDefaultValue || parameter.IsOptional,
                    GetterName = property is not null && CanGet(property) ? property.Name : null,
                    ColumnName = ColumnName(parameter) ?? (property is null ? null : ColumnName(property)),
                    Ignored = KnownTypes.HasAttribute(parameter, KnownTypes.CqlIgnoreAttribute) || (property is not null && KnownTypes.HasAttribute(property, KnownTypes.CqlIgnoreAttribute)),
                };
                members.Add(member);
                taken.Add(member.Name);
            }
        }

        foreach (var symbol in properties)
        {
            if (taken.Contains(symbol.Name))
            {
                continue;
            }

            var (memberType, canSet, initOnly, required) = symbol switch
            {
                IPropertySymbol p => (p.Type, p.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false }, p.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: true }, p.IsRequired),
                IFieldSymbol f => (f.Type, !f.IsReadOnly, false, f.IsRequired),
                _ => (null!, false, false, false),
            };
            members.Add(new MemberModel(symbol.Name, TypeMapper.Map(memberType, context, depth))
            {
                GetterName = CanGet(symbol) ? symbol.Name : null,
                CanSet = canSet && constructor is not null,
                IsInitOnly = initOnly && constructor is not null,
                IsRequired = required,
                ColumnName = ColumnName(symbol),
                Ignored = KnownTypes.HasAttribute(symbol, KnownTypes.CqlIgnoreAttribute),
            });
            taken.Add(symbol.Name);
        }

        return model with { NotConstructible = notConstructible, Members = members.ToEquatableArray() };
    }

    private static bool CanGet(ISymbol symbol) => symbol switch
    {
        IPropertySymbol p => p.GetMethod is { DeclaredAccessibility: Accessibility.Public },
        IFieldSymbol => true,
        _ => false,
    };

    private static string? ColumnName(ISymbol symbol) =>
        KnownTypes.GetAttribute(symbol, KnownTypes.CqlColumnAttribute) is { ConstructorArguments.Length: 1 } attribute
            && attribute.ConstructorArguments[0].Value is string name && name.Trim().Length > 0
            ? CqlIdentifier.Normalize(name.Trim())
            : null;

    // Public instance properties (not indexers) and fields, own first then inherited, one per name.
    private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared && member is not IPropertySymbol)
                {
                    continue;
                }

                var include = member switch
                {
                    IPropertySymbol p => !p.IsIndexer && p.Name != "EqualityContract",
                    IFieldSymbol f => !f.IsConst && f.AssociatedSymbol is null,
                    _ => false,
                };
                if (include && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static (IMethodSymbol? Constructor, string? NotConstructible) ChooseConstructor(INamedTypeSymbol type)
    {
        if (type.IsAbstract)
        {
            return (null, "it is abstract");
        }

        var candidates = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type.OriginalDefinition, type.OriginalDefinition)))
            .ToList();
        if (candidates.Count == 0)
        {
            return (null, "it has no accessible constructor");
        }

        // A struct's implicit parameterless constructor yields to the constructors it declares.
        if (type.IsValueType && candidates.Any(c => !c.IsImplicitlyDeclared))
        {
            candidates = candidates.Where(c => !c.IsImplicitlyDeclared).ToList();
        }

        var primary = candidates.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax));
        if (primary is not null)
        {
            return (primary, null);
        }

        var parameterless = candidates.FirstOrDefault(c => c.Parameters.Length == 0);
        if (parameterless is not null)
        {
            return (parameterless, null);
        }

        return (candidates.OrderByDescending(c => c.Parameters.Length).First(), null);
    }
}
