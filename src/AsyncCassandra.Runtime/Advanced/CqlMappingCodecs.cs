using System.ComponentModel;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Advanced;

/// <summary>
/// Codecs for the collection shapes generated repositories accept besides <see cref="List{T}"/>,
/// <see cref="HashSet{T}"/> and <see cref="Dictionary{TKey, TValue}"/> (advanced: used by generated code):
/// interfaces such as <see cref="IReadOnlyList{T}"/> and <see cref="IEnumerable{T}"/>, and arrays. Values are
/// read into the concrete collection and handed to a conversion chosen at compile time; any enumerable is written.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class CqlMappingCodecs
{
    /// <summary>A list or set of <typeparamref name="T"/> as <typeparamref name="TCollection"/>.</summary>
    /// <typeparam name="TCollection">The declared type: <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, <c>T[]</c>, ...</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The element codec.</param>
    /// <param name="create">Turns the list read into <typeparamref name="TCollection"/>.</param>
    public static CqlCodec<TCollection> Sequence<TCollection, T>(CqlCodec<T> element, Func<List<T>, TCollection> create)
        where TCollection : IEnumerable<T> => new SequenceCodec<TCollection, T>(element, create);

    /// <summary>A set (or list) of <typeparamref name="T"/> as <typeparamref name="TSet"/> (<c>ISet&lt;T&gt;</c>, <c>IReadOnlySet&lt;T&gt;</c>).</summary>
    /// <typeparam name="TSet">The declared type.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The element codec.</param>
    /// <param name="create">Turns the set read into <typeparamref name="TSet"/>.</param>
    public static CqlCodec<TSet> SetOf<TSet, T>(CqlCodec<T> element, Func<HashSet<T>, TSet> create)
        where TSet : IEnumerable<T> => new SetOfCodec<TSet, T>(element, create);

    /// <summary>A map as <typeparamref name="TMap"/> (<c>IDictionary&lt;K, V&gt;</c>, <c>IReadOnlyDictionary&lt;K, V&gt;</c>).</summary>
    /// <typeparam name="TMap">The declared type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="key">The key codec.</param>
    /// <param name="value">The value codec.</param>
    /// <param name="create">Turns the dictionary read into <typeparamref name="TMap"/>.</param>
    public static CqlCodec<TMap> MapOf<TMap, TKey, TValue>(CqlCodec<TKey> key, CqlCodec<TValue> value, Func<Dictionary<TKey, TValue>, TMap> create)
        where TMap : IEnumerable<KeyValuePair<TKey, TValue>>
        where TKey : notnull => new MapOfCodec<TMap, TKey, TValue>(key, value, create);

    /// <summary>
    /// The codec of a <c>float[]</c> whose CQL type no schema told at compile time: a <c>vector&lt;float, n&gt;</c>
    /// (Cassandra 5.0), or a list or set of float.
    /// </summary>
    /// <param name="type">The column's or marker's CQL type.</param>
    /// <exception cref="InvalidCastException">The type is neither.</exception>
    public static CqlCodec<float[]> FloatArray(CqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Dimensions > 0)
        {
            return CqlCodecs.FloatVector(type.Dimensions);
        }

        return type.Code is CqlTypeCode.List or CqlTypeCode.Set
            ? Sequence<float[], float>(CqlCodecs.Single, static list => list.ToArray())
            : throw new InvalidCastException($"{type} is not a vector<float, n>, a list<float> or a set<float>");
    }

    /// <summary>The codec of a <c>ReadOnlyMemory&lt;float&gt;</c> whose <c>vector&lt;float, n&gt;</c> type no schema told at compile time.</summary>
    /// <param name="type">The column's or marker's CQL type.</param>
    /// <exception cref="InvalidCastException">The type is not a vector.</exception>
    public static CqlCodec<ReadOnlyMemory<float>> FloatVectorMemory(CqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Dimensions > 0
            ? CqlCodecs.FloatVectorMemory(type.Dimensions)
            : throw new InvalidCastException($"{type} is not a vector<float, n>");
    }

    private sealed class SequenceCodec<TCollection, T>(CqlCodec<T> element, Func<List<T>, TCollection> create) : CqlCodec<TCollection>
        where TCollection : IEnumerable<T>
    {
        public override TCollection Read(ReadOnlySpan<byte> value)
        {
            var reader = new ElementReader(value);
            int count = reader.ReadCount("list");
            var list = new List<T>(count);
            for (int i = 0; i < count; i++)
            {
                list.Add(reader.ReadRequired(element, "list"));
            }

            return create(list);
        }

        public override void Write(TCollection value, CqlWriter writer) => CollectionWriter.WriteAll(value, element, writer);

        public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.List or CqlTypeCode.Set && element.Accepts(type.Arguments[0]);
    }

    private sealed class SetOfCodec<TSet, T>(CqlCodec<T> element, Func<HashSet<T>, TSet> create) : CqlCodec<TSet>
        where TSet : IEnumerable<T>
    {
        public override TSet Read(ReadOnlySpan<byte> value)
        {
            var reader = new ElementReader(value);
            int count = reader.ReadCount("set");
            var set = new HashSet<T>(count);
            for (int i = 0; i < count; i++)
            {
                set.Add(reader.ReadRequired(element, "set"));
            }

            return create(set);
        }

        public override void Write(TSet value, CqlWriter writer) => CollectionWriter.WriteAll(value, element, writer);

        public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Set or CqlTypeCode.List && element.Accepts(type.Arguments[0]);
    }

    private sealed class MapOfCodec<TMap, TKey, TValue>(CqlCodec<TKey> key, CqlCodec<TValue> value, Func<Dictionary<TKey, TValue>, TMap> create) : CqlCodec<TMap>
        where TMap : IEnumerable<KeyValuePair<TKey, TValue>>
        where TKey : notnull
    {
        public override TMap Read(ReadOnlySpan<byte> bytes)
        {
            var reader = new ElementReader(bytes);
            int count = reader.ReadCount("map");
            var map = new Dictionary<TKey, TValue>(count);
            for (int i = 0; i < count; i++)
            {
                TKey k = reader.ReadRequired(key, "map");
                map[k] = reader.ReadRequired(value, "map");
            }

            return create(map);
        }

        public override void Write(TMap map, CqlWriter writer)
        {
            int countPosition = writer.Length;
            writer.WriteInt(0);
            int count = 0;
            foreach (KeyValuePair<TKey, TValue> pair in map)
            {
                key.WriteValue(pair.Key, writer);
                value.WriteValue(pair.Value, writer);
                count++;
            }

            writer.PatchInt(countPosition, count);
        }

        public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Map && key.Accepts(type.Arguments[0]) && value.Accepts(type.Arguments[1]);
    }
}
