using System.Collections.Concurrent;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

internal interface ICodecVisitor<TResult>
{
    TResult Visit<T>(CqlCodec<T> codec);
}

/// <summary>The non-generic face of every <see cref="CqlCodec{T}"/>, for the dynamic (object) paths.</summary>
internal interface IObjectCodec
{
    Type ValueType { get; }

    object? ReadObject(ReadOnlySpan<byte> value);

    /// <summary>Reads a value into an alternate shape the codec fills directly (see <see cref="CqlCodec{T}"/>).</summary>
    bool TryReadAs<TTarget>(ReadOnlySpan<byte> value, out TTarget result);

    void WriteObject(object value, CqlWriter writer);

    TResult Accept<TResult>(ICodecVisitor<TResult> visitor);
}

/// <summary>
/// Finds the natural .NET codec of a CQL type: int to int, list&lt;text&gt; to List&lt;string&gt;, map&lt;text, int&gt;
/// to Dictionary&lt;string, int&gt;, tuples to object?[], UDTs to Dictionary&lt;string, object?&gt;, vector&lt;float, n&gt;
/// to float[] (and vectors of other known elements to arrays). Built with codec
/// visitors whose type arguments are static, so it needs no reflection and is Native AOT safe.
/// </summary>
internal static class CodecResolver
{
    private static readonly ConcurrentDictionary<CqlType, IObjectCodec> Cache = new();

    public static IObjectCodec Natural(CqlType type)
    {
        if (type.Arguments.Count == 0)
        {
            // duration before v5: the custom class DurationType, read as CqlDuration rather than raw bytes.
            return type.IsDuration ? CqlCodecs.Duration : NativeFor(type.Code);
        }

        return Cache.GetOrAdd(type, static t => Build(t));
    }

    public static IObjectCodec NativeFor(CqlTypeCode code) => code switch
    {
        CqlTypeCode.Ascii or CqlTypeCode.Varchar => CqlCodecs.String,
        CqlTypeCode.Bigint or CqlTypeCode.Counter => CqlCodecs.Int64,
        CqlTypeCode.Blob or CqlTypeCode.Custom => CqlCodecs.Bytes,
        CqlTypeCode.Boolean => CqlCodecs.Boolean,
        CqlTypeCode.Decimal => CqlCodecs.Decimal,
        CqlTypeCode.Double => CqlCodecs.Double,
        CqlTypeCode.Float => CqlCodecs.Single,
        CqlTypeCode.Int => CqlCodecs.Int32,
        CqlTypeCode.Timestamp => CqlCodecs.DateTimeOffset,
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => CqlCodecs.Guid,
        CqlTypeCode.Varint => CqlCodecs.BigInteger,
        CqlTypeCode.Inet => CqlCodecs.IPAddress,
        CqlTypeCode.Date => CqlCodecs.DateOnly,
        CqlTypeCode.Time => CqlCodecs.TimeOnly,
        CqlTypeCode.Smallint => CqlCodecs.Int16,
        CqlTypeCode.Tinyint => CqlCodecs.SByte,
        CqlTypeCode.Duration => CqlCodecs.Duration,
        _ => throw new NotSupportedException($"No codec for CQL type {code}."),
    };

    private static IObjectCodec Build(CqlType type)
    {
        switch (type.Code)
        {
            case CqlTypeCode.List:
                return Visit(Natural(type.Arguments[0]), ListVisitor.Instance);
            case CqlTypeCode.Set:
                return Visit(Natural(type.Arguments[0]), SetVisitor.Instance);
            case CqlTypeCode.Map:
                {
                    IObjectCodec key = Natural(type.Arguments[0]);
                    return Visit(key, new MapKeyVisitor(Natural(type.Arguments[1])));
                }

            case CqlTypeCode.Tuple:
            case CqlTypeCode.Udt:
                return new StructuredCodec(type);
            case CqlTypeCode.Custom when type.Dimensions > 0 && VectorElements.IsKnown(type.Arguments[0]):
                return type.Arguments[0].Code == CqlTypeCode.Float
                    ? new FloatVectorCodec(type.Dimensions)
                    : Visit(Natural(type.Arguments[0]), new VectorVisitor(type));
            default:
                return NativeFor(type.Code);
        }
    }

    /// <summary>Every codec derives from CqlCodec&lt;T&gt;, which passes itself to the visitor with T known statically.</summary>
    private static IObjectCodec Visit(IObjectCodec codec, ICodecVisitor<IObjectCodec> visitor) => codec.Accept(visitor);

    private sealed class ListVisitor : ICodecVisitor<IObjectCodec>
    {
        public static readonly ListVisitor Instance = new();

        public IObjectCodec Visit<T>(CqlCodec<T> codec) => new ListCodec<T>(codec);
    }

    private sealed class SetVisitor : ICodecVisitor<IObjectCodec>
    {
        public static readonly SetVisitor Instance = new();

        public IObjectCodec Visit<T>(CqlCodec<T> codec) => new SetCodec<T>(codec);
    }

    private sealed class VectorVisitor(CqlType type) : ICodecVisitor<IObjectCodec>
    {
        public IObjectCodec Visit<T>(CqlCodec<T> codec) => new VectorCodec<T>(codec, type);
    }

    private sealed class MapKeyVisitor(IObjectCodec valueCodec) : ICodecVisitor<IObjectCodec>
    {
        public IObjectCodec Visit<TKey>(CqlCodec<TKey> keyCodec) => CodecResolver.Visit(valueCodec, new MapValueVisitor<TKey>(keyCodec));
    }

    private sealed class MapValueVisitor<TKey>(CqlCodec<TKey> keyCodec) : ICodecVisitor<IObjectCodec>
    {
#pragma warning disable CS8714 // map keys are never null on the wire: the codec rejects null keys when reading
        public IObjectCodec Visit<TValue>(CqlCodec<TValue> valueCodec) => new MapCodec<TKey, TValue>(keyCodec, valueCodec);
#pragma warning restore CS8714
    }

}
