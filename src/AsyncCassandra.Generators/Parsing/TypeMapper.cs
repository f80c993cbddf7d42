using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>Decides, from a .NET type alone, how it maps to a CQL value (the schema, when known, refines this later).</summary>
internal static class TypeMapper
{
    public static ValueModel Map(ITypeSymbol type, MappingContext context, int depth = 0)
    {
        var nullable = false;
        var nullableValueType = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            type = nullableType.TypeArguments[0];
            nullable = true;
            nullableValueType = true;
        }
        else if (type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated)
        {
            nullable = true;
        }

        var model = MapNonNullable(type, context, depth);
        var display = KnownTypes.Display(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        return model with
        {
            IsNullable = nullable,
            IsNullableValueType = nullableValueType,
            IsValueType = type.IsValueType,
            DisplayName = nullable ? display + "?" : display,
        };
    }

    private static ValueModel MapNonNullable(ITypeSymbol type, MappingContext context, int depth)
    {
        var typeName = KnownTypes.FullNameWithoutTopNullable(type);
        var display = KnownTypes.Display(type);
        if (depth > MappingContext.MaxDepth)
        {
            return ValueModel.Unsupport(typeName, display, "it nests too deeply");
        }

        var special = type.SpecialType switch
        {
            SpecialType.System_Boolean => "Boolean",
            SpecialType.System_SByte => "SByte",
            SpecialType.System_Int16 => "Int16",
            SpecialType.System_Int32 => "Int32",
            SpecialType.System_Int64 => "Int64",
            SpecialType.System_Single => "Single",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_String => "String",
            SpecialType.System_DateTime => "DateTime",
            _ => null,
        };
        if (special is not null)
        {
            return new ValueModel(ValueKind.Native, typeName) { Native = special };
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return ValueModel.Unsupport(typeName, display, "multi-dimensional arrays have no CQL type");
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return new ValueModel(ValueKind.Native, typeName) { Native = "Bytes" };
            }

            return Collection(typeName, display, CollectionShape.Array, [array.ElementType], context, depth);
        }

        if (type is not INamedTypeSymbol named)
        {
            return ValueModel.Unsupport(typeName, display, "it has no CQL type");
        }

        var metadataName = KnownTypes.MetadataName(named);
        if (KnownTypes.NamedNatives.TryGetValue(metadataName, out var native))
        {
            return new ValueModel(ValueKind.Native, typeName) { Native = native };
        }

        if (metadataName == "System.ReadOnlyMemory`1" && named.TypeArguments[0].SpecialType == SpecialType.System_Byte)
        {
            return new ValueModel(ValueKind.Native, typeName) { Native = "Memory" };
        }

        if (metadataName == "System.ReadOnlyMemory`1" && named.TypeArguments[0].SpecialType == SpecialType.System_Single)
        {
            return new ValueModel(ValueKind.Vector, typeName) { Native = "FloatVectorMemory" };
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return MapEnum(named, typeName, context);
        }

        if (named.IsTupleType)
        {
            var elements = named.TupleElements;
            if (elements.Length > 7)
            {
                return ValueModel.Unsupport(typeName, display, "tuples of more than 7 elements are not supported");
            }

            var components = elements.Select(e => Map(e.Type, context, depth + 1)).ToEquatableArray();
            var unsupported = components.FirstOrDefault(c => c.Kind == ValueKind.Unsupported);
            return unsupported is not null
                ? ValueModel.Unsupport(typeName, display, $"its element '{unsupported.DisplayName}' cannot be mapped: {unsupported.Unsupported}")
                : new ValueModel(ValueKind.Tuple, typeName) { Arguments = components };
        }

        var shape = metadataName switch
        {
            "System.Collections.Generic.List`1" => CollectionShape.List,
            "System.Collections.Generic.HashSet`1" => CollectionShape.HashSet,
            "System.Collections.Generic.Dictionary`2" => CollectionShape.Dictionary,
            "System.Collections.Generic.IEnumerable`1" or "System.Collections.Generic.IReadOnlyList`1" or "System.Collections.Generic.IList`1"
                or "System.Collections.Generic.ICollection`1" or "System.Collections.Generic.IReadOnlyCollection`1" => CollectionShape.Sequence,
            "System.Collections.Generic.ISet`1" or "System.Collections.Generic.IReadOnlySet`1" => CollectionShape.SetInterface,
            "System.Collections.Generic.IDictionary`2" or "System.Collections.Generic.IReadOnlyDictionary`2" => CollectionShape.MapInterface,
            _ => CollectionShape.None,
        };
        if (shape != CollectionShape.None)
        {
            return Collection(typeName, display, shape, named.TypeArguments, context, depth);
        }

        return MapUdt(named, typeName, display, context, depth);
    }

    private static ValueModel Collection(string typeName, string display, CollectionShape shape, IReadOnlyList<ITypeSymbol> arguments, MappingContext context, int depth)
    {
        var mapped = arguments.Select(a => Map(a, context, depth + 1)).ToEquatableArray();
        foreach (var argument in mapped)
        {
            if (argument.Kind == ValueKind.Unsupported)
            {
                return ValueModel.Unsupport(typeName, display, $"its element type '{argument.DisplayName}' cannot be mapped: {argument.Unsupported}");
            }

            if (argument.IsNullableValueType)
            {
                return ValueModel.Unsupport(typeName, display, $"CQL collections cannot hold null, so the element type must not be '{argument.DisplayName}'");
            }
        }

        return new ValueModel(ValueKind.Collection, typeName) { Shape = shape, Arguments = mapped };
    }

    private static ValueModel MapEnum(INamedTypeSymbol type, string typeName, MappingContext context)
    {
        if (!context.IsKnownOrInProgress(typeName))
        {
            var (native, number) = type.EnumUnderlyingType?.SpecialType switch
            {
                SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => ("Int64", "long"),
                SpecialType.System_Int16 => ("Int16", "short"),
                SpecialType.System_SByte => ("SByte", "sbyte"),
                _ => ("Int32", "int"),
            };
            var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
            context.Complete(new TypeDefinition(typeName, IsEnum: true) { EnumMembers = members, EnumNative = native, EnumNumberType = number });
        }

        return new ValueModel(ValueKind.Enum, typeName) { DefinitionKey = typeName };
    }

    private static ValueModel MapUdt(INamedTypeSymbol type, string typeName, string display, MappingContext context, int depth)
    {
        var reason = EntityMapper.WhyNotMappable(type);
        if (reason is not null)
        {
            return ValueModel.Unsupport(typeName, display, reason);
        }

        if (context.Begin(typeName))
        {
            var entity = EntityMapper.Map(type, context, depth + 1);
            context.Complete(new TypeDefinition(typeName, IsEnum: false) { Entity = entity });
        }

        return new ValueModel(ValueKind.Udt, typeName) { DefinitionKey = typeName };
    }
}
