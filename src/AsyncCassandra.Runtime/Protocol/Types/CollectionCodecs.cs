using System.Buffers.Binary;
using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

internal sealed class ListCodec<T> : CqlCodec<List<T>>
{
    private readonly CqlCodec<T> _element;

    public ListCodec(CqlCodec<T> element) => _element = element;

    public override List<T> Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        int count = reader.ReadCount("list");
        var list = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(reader.ReadRequired(_element, "list"));
        }

        return list;
    }

    public override void Write(List<T> value, CqlWriter writer) => CollectionWriter.WriteAll(value, _element, writer);

    /// <summary>A list also reads as <c>T[]</c>, the shape generated repositories accept.</summary>
    internal override bool TryReadAs<TTarget>(ReadOnlySpan<byte> value, out TTarget result)
    {
        if (typeof(TTarget) == typeof(T[]))
        {
            result = (TTarget)(object)CollectionReader.ReadArray(value, _element, "list");
            return true;
        }

        result = default!;
        return false;
    }

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.List or CqlTypeCode.Set && _element.Accepts(type.Arguments[0]);
}

internal sealed class SetCodec<T> : CqlCodec<HashSet<T>>
{
    private readonly CqlCodec<T> _element;

    public SetCodec(CqlCodec<T> element) => _element = element;

    public override HashSet<T> Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        int count = reader.ReadCount("set");
        var set = new HashSet<T>(count);
        for (int i = 0; i < count; i++)
        {
            set.Add(reader.ReadRequired(_element, "set"));
        }

        return set;
    }

    public override void Write(HashSet<T> value, CqlWriter writer) => CollectionWriter.WriteAll(value, _element, writer);

    /// <summary>A set also reads as <c>T[]</c> or <c>List&lt;T&gt;</c> (elements in the server's order).</summary>
    internal override bool TryReadAs<TTarget>(ReadOnlySpan<byte> value, out TTarget result)
    {
        if (typeof(TTarget) == typeof(T[]))
        {
            result = (TTarget)(object)CollectionReader.ReadArray(value, _element, "set");
            return true;
        }

        if (typeof(TTarget) == typeof(List<T>))
        {
            result = (TTarget)(object)new List<T>(CollectionReader.ReadArray(value, _element, "set"));
            return true;
        }

        result = default!;
        return false;
    }

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Set or CqlTypeCode.List && _element.Accepts(type.Arguments[0]);
}

internal sealed class MapCodec<TKey, TValue> : CqlCodec<Dictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly CqlCodec<TKey> _key;
    private readonly CqlCodec<TValue> _value;

    public MapCodec(CqlCodec<TKey> key, CqlCodec<TValue> value)
    {
        _key = key;
        _value = value;
    }

    public override Dictionary<TKey, TValue> Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        int count = reader.ReadCount("map");
        var map = new Dictionary<TKey, TValue>(count);
        for (int i = 0; i < count; i++)
        {
            TKey key = reader.ReadRequired(_key, "map");
            map[key] = reader.ReadRequired(_value, "map");
        }

        return map;
    }

    public override void Write(Dictionary<TKey, TValue> value, CqlWriter writer)
    {
        writer.WriteInt(value.Count);
        foreach (KeyValuePair<TKey, TValue> pair in value)
        {
            _key.WriteValue(pair.Key, writer);
            _value.WriteValue(pair.Value, writer);
        }
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Map && _key.Accepts(type.Arguments[0]) && _value.Accepts(type.Arguments[1]);
}

internal static class CollectionReader
{
    public static T[] ReadArray<T>(ReadOnlySpan<byte> value, CqlCodec<T> element, string kind)
    {
        var reader = new ElementReader(value);
        var items = new T[reader.ReadCount(kind)];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadRequired(element, kind);
        }

        return items;
    }
}

internal static class CollectionWriter
{
    public static void WriteAll<T>(IEnumerable<T> values, CqlCodec<T> element, CqlWriter writer)
    {
        int countPosition = writer.Length;
        writer.WriteInt(0);
        int count = 0;
        foreach (T item in values)
        {
            if (item is null)
            {
                throw new ArgumentException("Collections cannot hold null elements (Cassandra rejects them).", nameof(values));
            }

            element.WriteValue(item, writer);
            count++;
        }

        writer.PatchInt(countPosition, count);
    }
}
