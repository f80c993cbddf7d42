using System.Text;
using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// A CQL type as written in a schema or a cast, with structural equality: <c>frozen&lt;map&lt;text, list&lt;int&gt;&gt;&gt;</c>
/// is a <see cref="CqlTypeKind.Map"/> (frozen) whose arguments are text and a list of int.
/// </summary>
/// <param name="Kind">The shape.</param>
/// <param name="Name">
/// Native: the type's name lowercased (varchar reads as text); collections, tuple, vector: list, set, map,
/// tuple, vector; user-defined: the type's normalized name; custom: the class name.
/// </param>
/// <param name="Arguments">Element types: one for list, set and vector, key and value for map, each component of a tuple.</param>
internal sealed record CqlTypeRef(CqlTypeKind Kind, string Name, EquatableArray<CqlTypeRef> Arguments)
{
    /// <summary>The types Cassandra has natively, by their CQL names.</summary>
    public static readonly IReadOnlyCollection<string> NativeNames =
    [
        "ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration", "float",
        "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint", "uuid", "varint",
    ];

    /// <summary>True when written inside <c>frozen&lt;...&gt;</c>.</summary>
    public bool IsFrozen { get; init; }

    /// <summary>The keyspace of a user-defined type written as <c>ks.type</c>; null otherwise.</summary>
    public string? Keyspace { get; init; }

    /// <summary>The dimension of a vector type; 0 otherwise.</summary>
    public int Dimension { get; init; }

    public bool IsCollection => Kind is CqlTypeKind.List or CqlTypeKind.Set or CqlTypeKind.Map;

    public bool IsCounter => Kind == CqlTypeKind.Native && Name == "counter";

    public static CqlTypeRef Native(string name) => new(CqlTypeKind.Native, NormalizeNative(name), EquatableArray<CqlTypeRef>.Empty);

    public static CqlTypeRef List(CqlTypeRef element) => new(CqlTypeKind.List, "list", EquatableArray.Create(element));

    public static CqlTypeRef Set(CqlTypeRef element) => new(CqlTypeKind.Set, "set", EquatableArray.Create(element));

    public static CqlTypeRef Map(CqlTypeRef key, CqlTypeRef value) => new(CqlTypeKind.Map, "map", EquatableArray.Create(key, value));

    public static CqlTypeRef Tuple(params CqlTypeRef[] components) => new(CqlTypeKind.Tuple, "tuple", EquatableArray.Create(components));

    public static CqlTypeRef Vector(CqlTypeRef element, int dimension) =>
        new(CqlTypeKind.Vector, "vector", EquatableArray.Create(element)) { Dimension = dimension };

    public static CqlTypeRef UserDefined(string name, string? keyspace = null) =>
        new(CqlTypeKind.UserDefined, name, EquatableArray<CqlTypeRef>.Empty) { Keyspace = keyspace };

    public static CqlTypeRef Custom(string className) => new(CqlTypeKind.Custom, className, EquatableArray<CqlTypeRef>.Empty);

    /// <summary>True when <paramref name="name"/> (any case) is a native type's name or alias.</summary>
    public static bool IsNativeName(string name)
    {
        var normalized = NormalizeNative(name);
        foreach (var native in NativeNames)
        {
            if (native == normalized)
            {
                return true;
            }
        }

        return false;
    }

    private static string NormalizeNative(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower == "varchar" ? "text" : lower;
    }

    /// <summary>The type as CQL text, e.g. <c>frozen&lt;map&lt;text, int&gt;&gt;</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (IsFrozen)
        {
            builder.Append("frozen<");
        }

        switch (Kind)
        {
            case CqlTypeKind.UserDefined:
                if (Keyspace is not null)
                {
                    builder.Append(CqlIdentifier.Format(Keyspace)).Append('.');
                }

                builder.Append(CqlIdentifier.Format(Name));
                break;
            case CqlTypeKind.Custom:
                builder.Append('\'').Append(Name.Replace("'", "''")).Append('\'');
                break;
            default:
                builder.Append(Name);
                if (Arguments.Count > 0)
                {
                    builder.Append('<');
                    for (var i = 0; i < Arguments.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(", ");
                        }

                        Arguments[i].Append(builder);
                    }

                    if (Kind == CqlTypeKind.Vector)
                    {
                        builder.Append(", ").Append(Dimension);
                    }

                    builder.Append('>');
                }

                break;
        }

        if (IsFrozen)
        {
            builder.Append('>');
        }
    }
}
