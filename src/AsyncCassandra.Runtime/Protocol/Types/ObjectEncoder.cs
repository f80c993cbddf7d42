using System.Collections;
using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// Encodes values given as objects (<c>Bind(params object?[])</c>, <c>SimpleStatement</c> values): directed by the
/// CQL type when the server told it (prepared statements), inferred from the .NET type otherwise. Accepts the usual
/// widenings (int for bigint, DateTime for timestamp, any IEnumerable for list/set, IDictionary for map, ITuple for
/// tuple) and refuses anything lossy with an <see cref="InvalidCastException"/> that names both types.
/// </summary>
internal static class ObjectEncoder
{
    /// <summary>Writes a whole [value]: null as -1, <see cref="Unset.Value"/> as -2 (v4+).</summary>
    public static void WriteValue(object? value, CqlType? type, CqlWriter writer, byte protocolVersion)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (value is Unset)
        {
            if (!ProtocolVersions.SupportsUnset(protocolVersion))
            {
                throw new InvalidOperationException($"Unset values need native protocol v4 or later; this connection speaks v{protocolVersion}. Bind null, or leave the column out of the statement.");
            }

            writer.WriteUnsetValue();
            return;
        }

        int mark = writer.BeginValue();
        WriteBody(value, type ?? Infer(value), writer);
        writer.EndValue(mark);
    }

    /// <summary>The last nanosecond of a day: the largest CQL time (spec v4 §6).</summary>
    public const long MaxTimeNanoseconds = 86_399_999_999_999L;

    public static void WriteBody(object value, CqlType type, CqlWriter writer)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Int:
                CqlCodecs.Int32.Write(value switch
                {
                    int i => i,
                    short s => s,
                    sbyte b => b,
                    byte b => b,
                    ushort u => u,
                    long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Bigint or CqlTypeCode.Counter:
                CqlCodecs.Int64.Write(value switch
                {
                    long l => l,
                    int i => i,
                    short s => s,
                    sbyte b => b,
                    byte b => b,
                    uint u => u,
                    ushort u => u,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Smallint:
                CqlCodecs.Int16.Write(value switch
                {
                    short s => s,
                    sbyte b => b,
                    byte b => b,
                    int i when i is >= short.MinValue and <= short.MaxValue => (short)i,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Tinyint:
                CqlCodecs.SByte.Write(value switch
                {
                    sbyte b => b,
                    int i when i is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)i,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Boolean when value is bool b:
                CqlCodecs.Boolean.Write(b, writer);
                return;
            case CqlTypeCode.Double:
                CqlCodecs.Double.Write(value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Float:
                CqlCodecs.Single.Write(value switch
                {
                    float f => f,
                    int i when (int)(float)i == i => i,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Varchar or CqlTypeCode.Ascii:
                CqlCodecs.String.Write(value switch
                {
                    string s => s,
                    char c => c.ToString(),
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Custom when type.IsDuration && value is CqlDuration customDuration:
                // Before v5, duration is the custom type DurationType; its bytes are v5 §5.7's three [vint]s.
                CqlCodecs.Duration.Write(customDuration, writer);
                return;
            case CqlTypeCode.Custom when type.Dimensions > 0 && value is not (byte[] or ReadOnlyMemory<byte> or Memory<byte> or ArraySegment<byte>):
                VectorObjectEncoder.Write(value, type, writer);
                return;
            case CqlTypeCode.Blob or CqlTypeCode.Custom:
                switch (value)
                {
                    case byte[] bytes:
                        writer.WriteRaw(bytes);
                        return;
                    case ReadOnlyMemory<byte> rom:
                        writer.WriteRaw(rom.Span);
                        return;
                    case Memory<byte> mem:
                        writer.WriteRaw(mem.Span);
                        return;
                    case ArraySegment<byte> segment:
                        writer.WriteRaw(segment);
                        return;
                    default:
                        throw Mismatch(value, type);
                }

            case CqlTypeCode.Uuid or CqlTypeCode.Timeuuid when value is Guid g:
                CqlCodecs.Guid.Write(g, writer);
                return;
            case CqlTypeCode.Timestamp:
                switch (value)
                {
                    case DateTimeOffset dto:
                        CqlCodecs.DateTimeOffset.Write(dto, writer);
                        return;
                    case DateTime dt:
                        CqlCodecs.DateTime.Write(dt, writer);
                        return;
                    case long ms:
                        writer.WriteLong(ms);
                        return;
                    default:
                        throw Mismatch(value, type);
                }

            case CqlTypeCode.Date:
                switch (value)
                {
                    case DateOnly d:
                        CqlCodecs.DateOnly.Write(d, writer);
                        return;
                    case DateTime dt:
                        CqlCodecs.DateOnly.Write(DateOnly.FromDateTime(dt), writer);
                        return;
                    case uint raw:
                        writer.WriteInt((int)raw);
                        return;
                    default:
                        throw Mismatch(value, type);
                }

            case CqlTypeCode.Time:
                switch (value)
                {
                    case TimeOnly t:
                        CqlCodecs.TimeOnly.Write(t, writer);
                        return;
                    case TimeSpan ts when ts >= TimeSpan.Zero && ts < TimeSpan.FromDays(1):
                        writer.WriteLong(ts.Ticks * 100);
                        return;
                    case long ns when ns is >= 0 and <= MaxTimeNanoseconds:
                        writer.WriteLong(ns);
                        return;
                    case long ns:
                        throw new InvalidCastException($"A long value {ns} cannot be sent as CQL time: time is nanoseconds since midnight, 0..{MaxTimeNanoseconds} (spec v4 §6 \"time\"). Use TimeOnly, or a TimeSpan within one day.");
                    default:
                        throw Mismatch(value, type);
                }

            case CqlTypeCode.Varint:
                CqlCodecs.BigInteger.Write(value switch
                {
                    BigInteger bi => bi,
                    long l => l,
                    int i => i,
                    ulong u => u,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Decimal:
                CqlCodecs.Decimal.Write(value switch
                {
                    decimal d => d,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(value, type),
                }, writer);
                return;
            case CqlTypeCode.Inet when value is IPAddress address:
                CqlCodecs.IPAddress.Write(address, writer);
                return;
            case CqlTypeCode.Duration when value is CqlDuration duration:
                CqlCodecs.Duration.Write(duration, writer);
                return;
            case CqlTypeCode.List or CqlTypeCode.Set when value is IEnumerable items && value is not string && value is not IDictionary:
                WriteElements(items, type.Arguments[0], writer);
                return;
            case CqlTypeCode.Map when value is IDictionary map:
                writer.WriteInt(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    WriteElement(entry.Key, type.Arguments[0], writer, "map key");
                    WriteElement(entry.Value, type.Arguments[1], writer, "map value");
                }

                return;
            case CqlTypeCode.Tuple:
                WriteTuple(value, type, writer);
                return;
            case CqlTypeCode.Udt:
                WriteUdt(value, type, writer);
                return;
            default:
                throw Mismatch(value, type);
        }
    }

    private static void WriteElements(IEnumerable items, CqlType elementType, CqlWriter writer)
    {
        int countPosition = writer.Length;
        writer.WriteInt(0);
        int count = 0;
        foreach (object? item in items)
        {
            WriteElement(item, elementType, writer, "collection element");
            count++;
        }

        writer.PatchInt(countPosition, count);
    }

    private static void WriteElement(object? item, CqlType type, CqlWriter writer, string what)
    {
        if (item is null)
        {
            throw new ArgumentException($"A {what} is null; Cassandra collections cannot hold nulls.");
        }

        int mark = writer.BeginValue();
        WriteBody(item, type, writer);
        writer.EndValue(mark);
    }

    private static void WriteTuple(object value, CqlType type, CqlWriter writer)
    {
        int count = type.Arguments.Count;
        Func<int, object?> get;
        int length;
        switch (value)
        {
            case ITuple tuple:
                get = i => tuple[i];
                length = tuple.Length;
                break;
            case object?[] array:
                get = i => array[i];
                length = array.Length;
                break;
            default:
                throw Mismatch(value, type);
        }

        if (length != count)
        {
            throw new InvalidCastException($"The CQL type {type} has {count} components but the value has {length}.");
        }

        for (int i = 0; i < count; i++)
        {
            object? component = get(i);
            if (component is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                int mark = writer.BeginValue();
                WriteBody(component, type.Arguments[i], writer);
                writer.EndValue(mark);
            }
        }
    }

    private static void WriteUdt(object value, CqlType type, CqlWriter writer)
    {
        Func<string, (bool Found, object? Value)> get = value switch
        {
            IReadOnlyDictionary<string, object?> fields => name => fields.TryGetValue(name, out object? v) ? (true, v) : (false, null),
            IDictionary<string, object?> fields => name => fields.TryGetValue(name, out object? v) ? (true, v) : (false, null),
            _ => throw new InvalidCastException($"A value for the user-defined type {type} must be an IReadOnlyDictionary<string, object?> keyed by field name (or use a generated repository, which maps records); got {value.GetType()}."),
        };

        for (int i = 0; i < type.Arguments.Count; i++)
        {
            (bool found, object? field) = get(type.FieldNames[i]);
            if (!found || field is null)
            {
                writer.WriteNullValue();
                continue;
            }

            int mark = writer.BeginValue();
            WriteBody(field, type.Arguments[i], writer);
            writer.EndValue(mark);
        }
    }

    /// <summary>The CQL type a .NET value is sent as when the server has not said (unprepared statements).</summary>
    public static CqlType Infer(object value) => value switch
    {
        int => CqlType.Native(CqlTypeCode.Int),
        long => CqlType.Native(CqlTypeCode.Bigint),
        string => CqlType.Native(CqlTypeCode.Varchar),
        Guid => CqlType.Native(CqlTypeCode.Uuid),
        bool => CqlType.Native(CqlTypeCode.Boolean),
        double => CqlType.Native(CqlTypeCode.Double),
        float => CqlType.Native(CqlTypeCode.Float),
        decimal => CqlType.Native(CqlTypeCode.Decimal),
        BigInteger => CqlType.Native(CqlTypeCode.Varint),
        DateTimeOffset or DateTime => CqlType.Native(CqlTypeCode.Timestamp),
        DateOnly => CqlType.Native(CqlTypeCode.Date),
        TimeOnly => CqlType.Native(CqlTypeCode.Time),
        short => CqlType.Native(CqlTypeCode.Smallint),
        sbyte => CqlType.Native(CqlTypeCode.Tinyint),
        IPAddress => CqlType.Native(CqlTypeCode.Inet),
        CqlDuration => CqlType.Native(CqlTypeCode.Duration),
        byte[] or ReadOnlyMemory<byte> or Memory<byte> or ArraySegment<byte> => CqlType.Native(CqlTypeCode.Blob),
        IDictionary map => CqlType.Map(InferFirst(map.Keys), InferFirst(map.Values)),
        IEnumerable items => CqlType.List(InferFirst(items)),
        ITuple tuple => InferTuple(tuple),
        _ => throw new InvalidCastException($"No CQL type is known for a {value.GetType()}. Use a prepared statement (the server then says the column type) or one of the types in docs/types.md."),
    };

    private static CqlType InferFirst(IEnumerable items)
    {
        foreach (object? item in items)
        {
            if (item is not null)
            {
                return Infer(item);
            }
        }

        // An empty collection encodes the same whatever its element type.
        return CqlType.Native(CqlTypeCode.Blob);
    }

    private static CqlType InferTuple(ITuple tuple)
    {
        var components = new CqlType[tuple.Length];
        for (int i = 0; i < components.Length; i++)
        {
            components[i] = tuple[i] is { } item ? Infer(item) : CqlType.Native(CqlTypeCode.Blob);
        }

        return CqlType.Tuple(components);
    }

    private static InvalidCastException Mismatch(object value, CqlType type) =>
        new($"A {TypeNames.Of(value.GetType())} value cannot be sent as CQL {type}. {Hint(type)}");

    internal static string Hint(CqlType type) => type.Code switch
    {
        CqlTypeCode.Int => "Use int.",
        CqlTypeCode.Bigint or CqlTypeCode.Counter => "Use long.",
        CqlTypeCode.Varchar or CqlTypeCode.Ascii => "Use string.",
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => "Use Guid.",
        CqlTypeCode.Timestamp => "Use DateTimeOffset or a UTC DateTime.",
        CqlTypeCode.Date => "Use DateOnly.",
        CqlTypeCode.Time => "Use TimeOnly or a TimeSpan within one day.",
        CqlTypeCode.Blob => "Use byte[] or ReadOnlyMemory<byte>.",
        CqlTypeCode.Boolean => "Use bool.",
        CqlTypeCode.Double => "Use double.",
        CqlTypeCode.Float => "Use float.",
        CqlTypeCode.Decimal => "Use decimal.",
        CqlTypeCode.Varint => "Use BigInteger or long.",
        CqlTypeCode.Inet => "Use IPAddress.",
        CqlTypeCode.Smallint => "Use short.",
        CqlTypeCode.Tinyint => "Use sbyte.",
        CqlTypeCode.Duration => "Use CqlDuration.",
        CqlTypeCode.List or CqlTypeCode.Set => "Use a List<T>, HashSet<T>, array or other IEnumerable.",
        CqlTypeCode.Map => "Use a Dictionary<TKey, TValue>.",
        CqlTypeCode.Tuple => "Use a ValueTuple or object?[].",
        CqlTypeCode.Udt => "Use an IReadOnlyDictionary<string, object?> keyed by field name.",
        _ => string.Empty,
    };
}
