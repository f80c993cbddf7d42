using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Model;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Analysis;

/// <summary>
/// Which .NET types can hold which CQL types (the same pairs the runtime codecs accept), and the codec choice the
/// CQL type implies: an enum is carried as text for a text column and as a number otherwise.
/// </summary>
internal sealed class TypeCompatibility(CqlSchema? schema, string? keyspace, IReadOnlyDictionary<string, TypeDefinition> definitions)
{
    private static readonly Dictionary<string, string[]> NativeAccepts = new(StringComparer.Ordinal)
    {
        ["Int32"] = ["int"],
        ["Int64"] = ["bigint", "counter", "time", "timestamp"],
        ["Int16"] = ["smallint"],
        ["SByte"] = ["tinyint"],
        ["Boolean"] = ["boolean"],
        ["Single"] = ["float"],
        ["Double"] = ["double"],
        ["String"] = ["text", "ascii"],
        ["Bytes"] = ["blob"],
        ["Memory"] = ["blob"],
        ["Guid"] = ["uuid", "timeuuid"],
        ["DateTimeOffset"] = ["timestamp"],
        ["DateTime"] = ["timestamp"],
        ["DateOnly"] = ["date"],
        ["TimeOnly"] = ["time"],
        ["BigInteger"] = ["varint"],
        ["Decimal"] = ["decimal"],
        ["IPAddress"] = ["inet"],
        ["Duration"] = ["duration"],
    };

    private static readonly Dictionary<string, string> EnumNumbers = new(StringComparer.Ordinal)
    {
        ["Int32"] = "int",
        ["Int64"] = "bigint",
        ["Int16"] = "smallint",
        ["SByte"] = "tinyint",
    };

    /// <summary>The value with its codec settled for <paramref name="type"/>, or null when it cannot hold that type.</summary>
    public ValueModel? Resolve(ValueModel value, CqlTypeRef type, int depth = 0)
    {
        if (depth > 16)
        {
            return value;
        }

        switch (value.Kind)
        {
            case ValueKind.Native:
                if (type.Kind == CqlTypeKind.Custom)
                {
                    return value.Native is "Bytes" or "Memory" ? value : null;
                }

                return type.Kind == CqlTypeKind.Native && NativeAccepts.TryGetValue(value.Native!, out var names) && names.Contains(type.Name) ? value : null;
            case ValueKind.Enum:
                if (type.Kind != CqlTypeKind.Native)
                {
                    return null;
                }

                if (type.Name is "text" or "ascii")
                {
                    return value with { EnumCarrier = EnumCarrier.Text };
                }

                var definition = value.DefinitionKey is null ? null : Find(value.DefinitionKey);
                return definition is not null && EnumNumbers.TryGetValue(definition.EnumNative, out var number) && number == type.Name ? value with { EnumCarrier = EnumCarrier.Number } : null;
            case ValueKind.Collection when value.MayBeVector && type.Kind == CqlTypeKind.Vector:
                return IsFloatVector(type)
                    ? value with { Kind = ValueKind.Vector, Native = "FloatVector", Dimension = type.Dimension, Shape = CollectionShape.None, Arguments = default, TypeKnown = true }
                    : null;
            case ValueKind.Collection:
                return ResolveCollection(value, type, depth);
            case ValueKind.Vector:
                return IsFloatVector(type) ? value with { Dimension = type.Dimension, TypeKnown = true } : null;
            case ValueKind.Tuple:
                if (type.Kind != CqlTypeKind.Tuple || type.Arguments.Count != value.Arguments.Count)
                {
                    return null;
                }

                return ResolveArguments(value, type.Arguments, depth);
            case ValueKind.Udt:
                return type.Kind == CqlTypeKind.UserDefined && UdtFits(value, type, depth) ? value : null;
            default:
                return null;
        }
    }

    private ValueModel? ResolveCollection(ValueModel value, CqlTypeRef type, int depth)
    {
        var fits = value.Shape switch
        {
            CollectionShape.List or CollectionShape.Sequence or CollectionShape.Array or CollectionShape.HashSet or CollectionShape.SetInterface
                => type.Kind is CqlTypeKind.List or CqlTypeKind.Set,
            CollectionShape.Dictionary or CollectionShape.MapInterface => type.Kind == CqlTypeKind.Map,
            _ => false,
        };
        return fits && type.Arguments.Count == value.Arguments.Count ? ResolveArguments(value with { TypeKnown = true }, type.Arguments, depth) : null;
    }

    private static bool IsFloatVector(CqlTypeRef type) =>
        type.Kind == CqlTypeKind.Vector && type.Dimension > 0 && type.Arguments.Count == 1 && type.Arguments[0] is { Kind: CqlTypeKind.Native, Name: "float" };

    private ValueModel? ResolveArguments(ValueModel value, EquatableArray<CqlTypeRef> types, int depth)
    {
        var resolved = new List<ValueModel>();
        for (var i = 0; i < value.Arguments.Count; i++)
        {
            var argument = Resolve(value.Arguments[i], types[i], depth + 1);
            if (argument is null)
            {
                return null;
            }

            resolved.Add(argument);
        }

        return value with { Arguments = resolved.ToEquatableArray() };
    }

    // Fields are matched by name when the value is read or written; here, each member that matches a field of the
    // schema's type must be able to hold it.
    private bool UdtFits(ValueModel value, CqlTypeRef type, int depth)
    {
        var udt = schema?.FindType(type.Keyspace ?? keyspace, type.Name) ?? schema?.FindType(null, type.Name);
        var entity = value.DefinitionKey is null ? null : Find(value.DefinitionKey)?.Entity;
        if (udt is null || entity is null)
        {
            return true;
        }

        foreach (var field in udt.Fields)
        {
            var index = entity.FindMember(field.Name, _ => true);
            if (index >= 0 && entity.Members[index].Value.Kind != ValueKind.Unsupported && Resolve(entity.Members[index].Value, field.Type, depth + 1) is null)
            {
                return false;
            }
        }

        return true;
    }

    private TypeDefinition? Find(string key) => definitions.TryGetValue(key, out var definition) ? definition : null;

    /// <summary>The natural .NET type for a CQL type, for messages ("use long").</summary>
    public static string Suggest(CqlTypeRef type) => type.Kind switch
    {
        CqlTypeKind.Native => type.Name switch
        {
            "ascii" or "text" => "string",
            "bigint" or "counter" => "long",
            "blob" => "byte[]",
            "boolean" => "bool",
            "date" => "DateOnly",
            "decimal" => "decimal",
            "double" => "double",
            "duration" => "CqlDuration",
            "float" => "float",
            "inet" => "IPAddress",
            "int" => "int",
            "smallint" => "short",
            "time" => "TimeOnly",
            "timestamp" => "DateTimeOffset",
            "timeuuid" or "uuid" => "Guid",
            "tinyint" => "sbyte",
            "varint" => "BigInteger",
            _ => "a type that holds " + type.Name,
        },
        CqlTypeKind.List => $"List<{Suggest(type.Arguments[0])}>",
        CqlTypeKind.Set => $"HashSet<{Suggest(type.Arguments[0])}>",
        CqlTypeKind.Map => $"Dictionary<{Suggest(type.Arguments[0])}, {Suggest(type.Arguments[1])}>",
        CqlTypeKind.Tuple => "(" + string.Join(", ", type.Arguments.Select(Suggest)) + ")",
        CqlTypeKind.UserDefined => $"a record or class whose members match the fields of {type.Name}",
        CqlTypeKind.Vector when IsFloatVector(type) => "float[] or ReadOnlyMemory<float>",
        CqlTypeKind.Custom => "byte[]",
        _ => "a supported type",
    };
}
