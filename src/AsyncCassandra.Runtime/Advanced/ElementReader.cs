using System.Buffers.Binary;

namespace AsyncCassandra.Advanced;

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
