using System.Buffers.Binary;

namespace AsyncCassandra.Bulk.Text;

/// <summary>
/// Writes values as JSON: the text form of collections, tuples and user-defined types, and every value of an NDJSON
/// export. null is null; a zero-length value is <c>""</c>; integers and finite floating-point numbers are JSON numbers,
/// booleans JSON booleans; lists, sets and tuples arrays; maps objects keyed by the key's text form; user-defined types
/// objects by field name; every other value a JSON string of its text form.
/// </summary>
internal static class JsonFormatter
{
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    /// <summary>A present value (null is written by the caller, as it knows whether the value was null).</summary>
    public static void Write(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        if (value.IsEmpty && type.Code is not (CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map))
        {
            output.Append("\"\""u8);
            return;
        }

        switch (type.Code)
        {
            case CqlTypeCode.Tinyint or CqlTypeCode.Smallint or CqlTypeCode.Int or CqlTypeCode.Bigint or CqlTypeCode.Counter
                or CqlTypeCode.Varint or CqlTypeCode.Boolean:
                TextFormatter.WriteScalar(type, value, output);
                return;
            case CqlTypeCode.Float or CqlTypeCode.Double:
                bool finite = type.Code == CqlTypeCode.Float
                    ? value.Length == 4 && float.IsFinite(BinaryPrimitives.ReadSingleBigEndian(value))
                    : value.Length == 8 && double.IsFinite(BinaryPrimitives.ReadDoubleBigEndian(value));
                if (!finite)
                {
                    output.Append((byte)'"');
                }

                TextFormatter.WriteScalar(type, value, output);
                if (!finite)
                {
                    output.Append((byte)'"');
                }

                return;
            case CqlTypeCode.List or CqlTypeCode.Set:
                WriteElements(type.Arguments[0], value, output);
                return;
            case CqlTypeCode.Map:
                WriteMap(type, value, output);
                return;
            case CqlTypeCode.Tuple:
                WriteFields(type, value, output, names: null);
                return;
            case CqlTypeCode.Udt:
                WriteFields(type, value, output, type.FieldNames);
                return;
            case CqlTypeCode.Ascii or CqlTypeCode.Varchar:
                WriteString(value, output);
                return;
            default:
                // Scalar text forms (numbers, dates, ids, addresses, hex) are ASCII without quotes or backslashes.
                output.Append((byte)'"');
                TextFormatter.WriteScalar(type, value, output);
                output.Append((byte)'"');
                return;
        }
    }

    /// <summary>A JSON string of UTF-8 text: quotes, backslashes and control characters escaped.</summary>
    public static void WriteString(ReadOnlySpan<byte> utf8, ByteBuilder output)
    {
        output.Append((byte)'"');
        int run = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')
            {
                continue;
            }

            output.Append(utf8.Slice(run, i - run));
            run = i + 1;
            switch (b)
            {
                case (byte)'"':
                    output.Append("\\\""u8);
                    break;
                case (byte)'\\':
                    output.Append("\\\\"u8);
                    break;
                case (byte)'\n':
                    output.Append("\\n"u8);
                    break;
                case (byte)'\r':
                    output.Append("\\r"u8);
                    break;
                case (byte)'\t':
                    output.Append("\\t"u8);
                    break;
                default:
                    output.Append("\\u00"u8);
                    output.Append(HexDigits[b >> 4]);
                    output.Append(HexDigits[b & 15]);
                    break;
            }
        }

        output.Append(utf8[run..]);
        output.Append((byte)'"');
    }

    private static void WriteElements(CqlType element, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        var reader = new ValueReader(value);
        int count = reader.Count();
        output.Append((byte)'[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)',');
            }

            WriteItem(element, ref reader, output);
        }

        output.Append((byte)']');
        reader.End();
    }

    private static void WriteMap(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        var reader = new ValueReader(value);
        int count = reader.Count();
        using var key = new ByteBuilder();
        output.Append((byte)'{');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)',');
            }

            if (!reader.Next(out ReadOnlySpan<byte> keyBytes))
            {
                throw new FormatException("A map holds a null key.");
            }

            key.Clear();
            if (!keyBytes.IsEmpty)
            {
                TextFormatter.Write(type.Arguments[0], keyBytes, key);
            }

            WriteString(key.WrittenSpan, output);
            output.Append((byte)':');
            WriteItem(type.Arguments[1], ref reader, output);
        }

        output.Append((byte)'}');
        reader.End();
    }

    private static void WriteFields(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output, IReadOnlyList<string>? names)
    {
        var reader = new ValueReader(value);
        output.Append(names is null ? (byte)'[' : (byte)'{');
        for (int i = 0; i < type.Arguments.Count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)',');
            }

            if (names is not null)
            {
                WriteString(System.Text.Encoding.UTF8.GetBytes(names[i]), output);
                output.Append((byte)':');
            }

            // A UDT value written before a field was added ends early: the missing fields are null.
            if (reader.AtEnd)
            {
                output.Append("null"u8);
            }
            else
            {
                WriteItem(type.Arguments[i], ref reader, output);
            }
        }

        output.Append(names is null ? (byte)']' : (byte)'}');
        reader.End();
    }

    private static void WriteItem(CqlType type, ref ValueReader reader, ByteBuilder output)
    {
        if (reader.Next(out ReadOnlySpan<byte> item))
        {
            Write(type, item, output);
        }
        else
        {
            output.Append("null"u8);
        }
    }
}

/// <summary>Reads the [int]-length-prefixed items of a collection, tuple or UDT value (protocol v3+).</summary>
internal ref struct ValueReader(ReadOnlySpan<byte> value)
{
    private readonly ReadOnlySpan<byte> _value = value;
    private int _position;

    public readonly bool AtEnd => _position >= _value.Length;

    public int Count()
    {
        if (_value.Length < 4)
        {
            throw new FormatException("A collection value is shorter than its 4-byte element count.");
        }

        int count = BinaryPrimitives.ReadInt32BigEndian(_value);
        _position = 4;
        if (count < 0 || count > _value.Length)
        {
            throw new FormatException($"A collection value claims {count} elements in {_value.Length} bytes.");
        }

        return count;
    }

    /// <summary>The next item; false for a null one.</summary>
    public bool Next(out ReadOnlySpan<byte> item)
    {
        if (_position + 4 > _value.Length)
        {
            throw new FormatException("A value ends inside an element's length.");
        }

        int length = BinaryPrimitives.ReadInt32BigEndian(_value[_position..]);
        _position += 4;
        if (length < 0)
        {
            item = default;
            return false;
        }

        if (_position + length > _value.Length)
        {
            throw new FormatException($"An element of {length} bytes runs past the end of its value.");
        }

        item = _value.Slice(_position, length);
        _position += length;
        return true;
    }

    public readonly void End()
    {
        if (_position != _value.Length)
        {
            throw new FormatException($"{_value.Length - _position} bytes follow the last element of a value.");
        }
    }
}
