using System.Buffers.Binary;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// Reads the [int]-prefixed elements of collection, tuple and UDT values (v3+ §6: counts and lengths are [int]).
/// Advanced: generated UDT codecs read fields with it.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Advanced)]
public ref struct ElementReader
{
    private readonly ReadOnlySpan<byte> _value;
    private int _offset;

    /// <summary>Reads the elements of one value.</summary>
    public ElementReader(ReadOnlySpan<byte> value)
    {
        _value = value;
        _offset = 0;
    }

    /// <summary>Whether every byte has been read (a UDT value may have fewer fields than its type).</summary>
    public readonly bool AtEnd => _offset >= _value.Length;

    /// <summary>Reads a collection's [int] element count; <paramref name="type"/> names the value in errors.</summary>
    public int ReadCount(string type)
    {
        int count = ReadInt(type);
        if (count < 0 || count > _value.Length)
        {
            throw new ProtocolException($"Malformed {type} value: element count {count} for {_value.Length} bytes (spec §6).");
        }

        return count;
    }

    private int ReadInt(string type)
    {
        if (_value.Length - _offset < 4)
        {
            throw new ProtocolException($"Malformed {type} value: truncated at byte {_offset} (spec §6).");
        }

        int n = BinaryPrimitives.ReadInt32BigEndian(_value.Slice(_offset));
        _offset += 4;
        return n;
    }

    /// <summary>The next element's bytes; false when the element is null.</summary>
    public bool ReadElement(string type, out ReadOnlySpan<byte> element)
    {
        int length = ReadInt(type);
        if (length < 0)
        {
            element = default;
            return false;
        }

        if (length > _value.Length - _offset)
        {
            throw new ProtocolException($"Malformed {type} value: element of {length} bytes at byte {_offset} overruns the value (spec §6).");
        }

        element = _value.Slice(_offset, length);
        _offset += length;
        return true;
    }

    /// <summary>Reads the next element with a codec; a null element is an <see cref="InvalidCastException"/>.</summary>
    public T ReadRequired<T>(CqlCodec<T> codec, string type)
    {
        if (!ReadElement(type, out ReadOnlySpan<byte> element))
        {
            throw new InvalidCastException($"A {type} element is null; collections cannot hold nulls.");
        }

        return codec.Read(element);
    }
}

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
