using System.ComponentModel;
using System.Net;
using System.Numerics;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Advanced;

/// <summary>The built-in codecs, one instance each, and factories for collection and tuple codecs.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class CqlCodecs
{
    /// <summary>int.</summary>
    public static CqlCodec<int> Int32 { get; } = new Int32Codec();

    /// <summary>bigint, counter (also time as nanoseconds, timestamp as milliseconds).</summary>
    public static CqlCodec<long> Int64 { get; } = new Int64Codec();

    /// <summary>smallint.</summary>
    public static CqlCodec<short> Int16 { get; } = new Int16Codec();

    /// <summary>tinyint.</summary>
    public static CqlCodec<sbyte> SByte { get; } = new SByteCodec();

    /// <summary>boolean.</summary>
    public static CqlCodec<bool> Boolean { get; } = new BooleanCodec();

    /// <summary>float.</summary>
    public static CqlCodec<float> Single { get; } = new SingleCodec();

    /// <summary>double.</summary>
    public static CqlCodec<double> Double { get; } = new DoubleCodec();

    /// <summary>text, varchar, ascii.</summary>
    public static CqlCodec<string> String { get; } = new StringCodec();

    /// <summary>blob (and custom types, as raw bytes).</summary>
    public static CqlCodec<byte[]> Bytes { get; } = new BytesCodec();

    /// <summary>blob as read-only memory.</summary>
    public static CqlCodec<ReadOnlyMemory<byte>> Memory { get; } = new MemoryCodec();

    /// <summary>uuid, timeuuid.</summary>
    public static CqlCodec<Guid> Guid { get; } = new GuidCodec();

    /// <summary>timestamp.</summary>
    public static CqlCodec<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetCodec();

    /// <summary>timestamp as a UTC <see cref="System.DateTime"/>.</summary>
    public static CqlCodec<DateTime> DateTime { get; } = new DateTimeCodec();

    /// <summary>date.</summary>
    public static CqlCodec<DateOnly> DateOnly { get; } = new DateOnlyCodec();

    /// <summary>time (to 100 ns precision; read as <see cref="Int64"/> for nanoseconds).</summary>
    public static CqlCodec<TimeOnly> TimeOnly { get; } = new TimeOnlyCodec();

    /// <summary>varint.</summary>
    public static CqlCodec<BigInteger> BigInteger { get; } = new BigIntegerCodec();

    /// <summary>decimal (values must fit System.Decimal).</summary>
    public static CqlCodec<decimal> Decimal { get; } = new DecimalCodec();

    /// <summary>inet.</summary>
    public static CqlCodec<IPAddress> IPAddress { get; } = new IPAddressCodec();

    /// <summary>duration (protocol v5).</summary>
    public static CqlCodec<CqlDuration> Duration { get; } = new DurationCodec();

    /// <summary>vector&lt;float, <paramref name="dimensions"/>&gt; (Cassandra 5.0) as an array; writing checks the length.</summary>
    /// <param name="dimensions">The vector's dimension n.</param>
    public static CqlCodec<float[]> FloatVector(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        return new FloatVectorCodec(dimensions);
    }

    /// <summary>vector&lt;float, <paramref name="dimensions"/>&gt; (Cassandra 5.0) as read-only memory; writing checks the length.</summary>
    /// <param name="dimensions">The vector's dimension n.</param>
    public static CqlCodec<ReadOnlyMemory<float>> FloatVectorMemory(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        return new FloatVectorMemoryCodec(dimensions);
    }

    /// <summary>list&lt;T&gt; (also reads a set).</summary>
    public static CqlCodec<List<T>> List<T>(CqlCodec<T> element) => new ListCodec<T>(element);

    /// <summary>set&lt;T&gt; (also reads a list).</summary>
    public static CqlCodec<HashSet<T>> Set<T>(CqlCodec<T> element) => new SetCodec<T>(element);

    /// <summary>map&lt;TKey, TValue&gt;.</summary>
    public static CqlCodec<Dictionary<TKey, TValue>> Map<TKey, TValue>(CqlCodec<TKey> key, CqlCodec<TValue> value)
        where TKey : notnull => new MapCodec<TKey, TValue>(key, value);

    /// <summary>tuple&lt;T1, T2&gt;.</summary>
    public static CqlCodec<(T1?, T2?)> Tuple<T1, T2>(CqlCodec<T1> first, CqlCodec<T2> second) => new TupleCodec<T1, T2>(first, second);

    /// <summary>tuple&lt;T1, T2, T3&gt;.</summary>
    public static CqlCodec<(T1?, T2?, T3?)> Tuple<T1, T2, T3>(CqlCodec<T1> first, CqlCodec<T2> second, CqlCodec<T3> third) =>
        new TupleCodec<T1, T2, T3>(first, second, third);
}
