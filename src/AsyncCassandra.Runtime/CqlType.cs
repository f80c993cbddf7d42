using System.Text;
using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra;

/// <summary>
/// The CQL type of a column or bind marker, as described by the server's metadata: a native type, or a collection,
/// tuple or user-defined type with its component types.
/// </summary>
public sealed class CqlType : IEquatable<CqlType>
{
    private static readonly CqlType[] Natives = CreateNatives();

    private CqlType(CqlTypeCode code, CqlType[]? arguments = null, string? customName = null, string? keyspace = null, string? name = null, string[]? fieldNames = null, int dimensions = 0)
    {
        Code = code;
        Dimensions = dimensions;
        Arguments = arguments ?? [];
        CustomName = customName;
        Keyspace = keyspace;
        Name = name;
        FieldNames = fieldNames ?? [];
    }

    /// <summary>The type option id.</summary>
    public CqlTypeCode Code { get; }

    /// <summary>Component types: the element of a list or set, key and value of a map, the components of a tuple, the fields of a UDT.</summary>
    public IReadOnlyList<CqlType> Arguments { get; }

    /// <summary>The Java class name of a custom type.</summary>
    public string? CustomName { get; }

    /// <summary>The keyspace of a user-defined type.</summary>
    public string? Keyspace { get; }

    /// <summary>The name of a user-defined type.</summary>
    public string? Name { get; }

    /// <summary>The field names of a user-defined type, in order.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>
    /// The dimension n of <c>vector&lt;T, n&gt;</c> (Cassandra 5.0, a custom type on the wire whose element is
    /// <see cref="Arguments"/>[0]); 0 for every other type.
    /// </summary>
    public int Dimensions { get; }

    /// <summary>True for list, set and map.</summary>
    public bool IsCollection => Code is CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map;

    /// <summary>The Java class of <c>duration</c>, which protocol v3/v4 send as a custom type (v5 as 0x0015).</summary>
    internal const string DurationClass = "org.apache.cassandra.db.marshal.DurationType";

    /// <summary>Whether this is <c>duration</c>: native (v5) or the custom DurationType class (v3/v4, Cassandra 3.10+).</summary>
    internal bool IsDuration => Code == CqlTypeCode.Duration || (Code == CqlTypeCode.Custom && CustomName == DurationClass);

    /// <summary>A native (non-parameterized) type.</summary>
    public static CqlType Native(CqlTypeCode code)
    {
        int index = (int)code;
        if (index < Natives.Length && Natives[index] is { } type)
        {
            return type;
        }

        throw new ArgumentException($"{code} is not a native CQL type.", nameof(code));
    }

    /// <summary>list&lt;element&gt;.</summary>
    public static CqlType List(CqlType element) => new(CqlTypeCode.List, [element]);

    /// <summary>set&lt;element&gt;.</summary>
    public static CqlType Set(CqlType element) => new(CqlTypeCode.Set, [element]);

    /// <summary>map&lt;key, value&gt;.</summary>
    public static CqlType Map(CqlType key, CqlType value) => new(CqlTypeCode.Map, [key, value]);

    /// <summary>tuple&lt;...&gt;.</summary>
    public static CqlType Tuple(params CqlType[] components) => new(CqlTypeCode.Tuple, components);

    /// <summary>A user-defined type.</summary>
    public static CqlType Udt(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<CqlType> fieldTypes)
    {
        if (fieldNames.Count != fieldTypes.Count)
        {
            throw new ArgumentException("A UDT needs one type per field name.", nameof(fieldTypes));
        }

        return new(CqlTypeCode.Udt, [.. fieldTypes], keyspace: keyspace, name: name, fieldNames: [.. fieldNames]);
    }

    /// <summary>A custom type named by its Java class (a vector's class name gives the vector type).</summary>
    public static CqlType Custom(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        return VectorTypeName.TryParse(className, out CqlType element, out int dimensions)
            ? new(CqlTypeCode.Custom, [element], customName: className, dimensions: dimensions)
            : new(CqlTypeCode.Custom, customName: className);
    }

    /// <summary><c>vector&lt;element, dimensions&gt;</c> (Cassandra 5.0; sent as a custom type).</summary>
    public static CqlType Vector(CqlType element, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        return new(CqlTypeCode.Custom, [element], customName: VectorTypeName.Format(element, dimensions), dimensions: dimensions);
    }

    /// <summary>int.</summary>
    public static CqlType Int => Native(CqlTypeCode.Int);

    /// <summary>bigint.</summary>
    public static CqlType Bigint => Native(CqlTypeCode.Bigint);

    /// <summary>text (varchar).</summary>
    public static CqlType Text => Native(CqlTypeCode.Varchar);

    private static CqlType[] CreateNatives()
    {
        var natives = new CqlType[(int)CqlTypeCode.Duration + 1];
        foreach (CqlTypeCode code in new[]
        {
            CqlTypeCode.Ascii, CqlTypeCode.Bigint, CqlTypeCode.Blob, CqlTypeCode.Boolean, CqlTypeCode.Counter, CqlTypeCode.Decimal,
            CqlTypeCode.Double, CqlTypeCode.Float, CqlTypeCode.Int, CqlTypeCode.Timestamp, CqlTypeCode.Uuid, CqlTypeCode.Varchar,
            CqlTypeCode.Varint, CqlTypeCode.Timeuuid, CqlTypeCode.Inet, CqlTypeCode.Date, CqlTypeCode.Time, CqlTypeCode.Smallint,
            CqlTypeCode.Tinyint, CqlTypeCode.Duration,
        })
        {
            natives[(int)code] = new CqlType(code);
        }

        return natives;
    }

    /// <summary>Reads an [option] type description (spec §4.2.5.2).</summary>
    internal static CqlType Read(ref CqlReader reader, int depth = 0)
    {
        if (depth > 64)
        {
            throw new ProtocolException("Malformed type description: nesting deeper than 64 levels.");
        }

        var code = (CqlTypeCode)reader.ReadUShort();
        switch (code)
        {
            case CqlTypeCode.Custom:
                return Custom(reader.ReadString());
            case CqlTypeCode.List:
                return List(Read(ref reader, depth + 1));
            case CqlTypeCode.Set:
                return Set(Read(ref reader, depth + 1));
            case CqlTypeCode.Map:
                {
                    CqlType key = Read(ref reader, depth + 1);
                    return Map(key, Read(ref reader, depth + 1));
                }

            case CqlTypeCode.Tuple:
                {
                    int count = BoundedCount(ref reader, 2, "tuple components");
                    var components = new CqlType[count];
                    for (int i = 0; i < count; i++)
                    {
                        components[i] = Read(ref reader, depth + 1);
                    }

                    return Tuple(components);
                }

            case CqlTypeCode.Udt:
                {
                    string keyspace = reader.ReadString();
                    string name = reader.ReadString();
                    int count = BoundedCount(ref reader, 4, "UDT fields");
                    var names = new string[count];
                    var types = new CqlType[count];
                    for (int i = 0; i < count; i++)
                    {
                        names[i] = reader.ReadString();
                        types[i] = Read(ref reader, depth + 1);
                    }

                    return new CqlType(CqlTypeCode.Udt, types, keyspace: keyspace, name: name, fieldNames: names);
                }

            default:
                if ((int)code < Natives.Length && Natives[(int)code] is { } native)
                {
                    return native;
                }

                throw new ProtocolException($"Unknown CQL type option id 0x{(int)code:X4} in result metadata (spec §4.2.5.2).");
        }
    }

    /// <summary>A [short] count of items that each take at least <paramref name="minBytes"/> more bytes: more than the bytes left is malformed (and must not size an array).</summary>
    private static int BoundedCount(ref CqlReader reader, int minBytes, string what)
    {
        int count = reader.ReadUShort();
        if ((long)count * minBytes > reader.Remaining)
        {
            throw new ProtocolException($"Malformed type description: {count} {what} cannot fit in the {reader.Remaining} bytes left (spec §4.2.5.2).");
        }

        return count;
    }

    /// <summary>Writes the [option] description (used by tests and by the server-side of test doubles).</summary>
    internal void Write(CqlWriter writer)
    {
        writer.WriteUShort((ushort)Code);
        switch (Code)
        {
            case CqlTypeCode.Custom:
                writer.WriteString(CustomName!);
                break;
            case CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map:
                foreach (CqlType argument in Arguments)
                {
                    argument.Write(writer);
                }

                break;
            case CqlTypeCode.Tuple:
                writer.WriteUShort((ushort)Arguments.Count);
                foreach (CqlType argument in Arguments)
                {
                    argument.Write(writer);
                }

                break;
            case CqlTypeCode.Udt:
                writer.WriteString(Keyspace!);
                writer.WriteString(Name!);
                writer.WriteUShort((ushort)Arguments.Count);
                for (int i = 0; i < Arguments.Count; i++)
                {
                    writer.WriteString(FieldNames[i]);
                    Arguments[i].Write(writer);
                }

                break;
        }
    }

    /// <inheritdoc />
    public bool Equals(CqlType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Code != Code || other.Arguments.Count != Arguments.Count || other.CustomName != CustomName
            || other.Keyspace != Keyspace || other.Name != Name)
        {
            return false;
        }

        for (int i = 0; i < Arguments.Count; i++)
        {
            if (!Arguments[i].Equals(other.Arguments[i]) || (FieldNames.Count > i && FieldNames[i] != other.FieldNames[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CqlType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Arguments.Count, Name);

    /// <summary>The type as CQL writes it, e.g. <c>map&lt;text, frozen&lt;list&lt;int&gt;&gt;&gt;</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        switch (Code)
        {
            case CqlTypeCode.Custom when Dimensions > 0:
                builder.Append("vector<");
                Arguments[0].Append(builder);
                builder.Append(", ").Append(Dimensions).Append('>');
                return;
            case CqlTypeCode.Custom:
                builder.Append('\'').Append(CustomName).Append('\'');
                return;
            case CqlTypeCode.Udt:
                builder.Append(Keyspace).Append('.').Append(Name);
                return;
            case CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map or CqlTypeCode.Tuple:
                builder.Append(Code.ToString().ToLowerInvariant()).Append('<');
                for (int i = 0; i < Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Arguments[i].Append(builder);
                }

                builder.Append('>');
                return;
            case CqlTypeCode.Varchar:
                builder.Append("text");
                return;
            default:
                builder.Append(Code.ToString().ToLowerInvariant());
                return;
        }
    }
}
