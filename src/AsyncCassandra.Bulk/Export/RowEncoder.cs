using AsyncCassandra.Advanced;
using System.Buffers;
using System.Buffers.Binary;
using AsyncCassandra.Bulk.Text;

namespace AsyncCassandra.Bulk.Export;

/// <summary>Encodes rows of a page into a range's spool: as CSV or NDJSON lines, or raw (for Parquet, converted when the range is appended).</summary>
internal abstract class RowEncoder
{
    protected RowEncoder(IReadOnlyList<string> names, IReadOnlyList<CqlType> types)
    {
        Names = names;
        Types = types;
    }

    protected IReadOnlyList<string> Names { get; }

    protected IReadOnlyList<CqlType> Types { get; }

    /// <summary>What the output starts with (the CSV header row).</summary>
    public virtual void WriteHeader(IBufferWriter<byte> output)
    {
    }

    /// <summary>Appends one row. <paramref name="scratch"/> is the worker's own buffer.</summary>
    public abstract void Encode(RowSet page, int row, IBufferWriter<byte> output, ByteBuilder scratch);

    public static RowEncoder For(BulkFormat format, IReadOnlyList<string> names, IReadOnlyList<CqlType> types) => format switch
    {
        BulkFormat.Csv => new CsvRowEncoder(names, types),
        BulkFormat.Ndjson => new NdjsonRowEncoder(names, types),
        _ => new RawRowEncoder(names, types),
    };

    protected static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        Span<byte> target = output.GetSpan(bytes.Length);
        bytes.CopyTo(target);
        output.Advance(bytes.Length);
    }
}

/// <summary>
/// RFC 4180: fields separated by commas, records by CRLF; a field holding a comma, quote, CR or LF is quoted with its
/// quotes doubled. A null is an empty unquoted field and a zero-length value (the empty string) is <c>""</c>.
/// </summary>
internal sealed class CsvRowEncoder(IReadOnlyList<string> names, IReadOnlyList<CqlType> types) : RowEncoder(names, types)
{
    public override void WriteHeader(IBufferWriter<byte> output)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (i > 0)
            {
                Write(output, ","u8);
            }

            WriteField(output, System.Text.Encoding.UTF8.GetBytes(Names[i]));
        }

        Write(output, "\r\n"u8);
    }

    public override void Encode(RowSet page, int row, IBufferWriter<byte> output, ByteBuilder scratch)
    {
        for (int column = 0; column < Types.Count; column++)
        {
            if (column > 0)
            {
                Write(output, ","u8);
            }

            if (!page.TryGetRawBytes(row, column, out ReadOnlySpan<byte> value))
            {
                continue;
            }

            if (value.IsEmpty)
            {
                Write(output, "\"\""u8);
                continue;
            }

            scratch.Clear();
            TextFormatter.Write(Types[column], value, scratch);
            WriteField(output, scratch.WrittenSpan);
        }

        Write(output, "\r\n"u8);
    }

    public static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)',', (byte)'"', (byte)'\r') < 0 && text.IndexOf((byte)'\n') < 0 && !text.IsEmpty)
        {
            Write(output, text);
            return;
        }

        Write(output, "\""u8);
        int quote;
        while ((quote = text.IndexOf((byte)'"')) >= 0)
        {
            Write(output, text[..(quote + 1)]);
            Write(output, "\""u8);
            text = text[(quote + 1)..];
        }

        Write(output, text);
        Write(output, "\""u8);
    }
}

/// <summary>One JSON object per line, with every column (null as JSON null), in column order.</summary>
internal sealed class NdjsonRowEncoder : RowEncoder
{
    private readonly byte[][] _keys;

    public NdjsonRowEncoder(IReadOnlyList<string> names, IReadOnlyList<CqlType> types)
        : base(names, types)
    {
        _keys = new byte[names.Count][];
        using var key = new ByteBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            key.Clear();
            key.Append(i == 0 ? (byte)'{' : (byte)',');
            JsonFormatter.WriteString(System.Text.Encoding.UTF8.GetBytes(names[i]), key);
            key.Append((byte)':');
            _keys[i] = key.WrittenSpan.ToArray();
        }
    }

    public override void Encode(RowSet page, int row, IBufferWriter<byte> output, ByteBuilder scratch)
    {
        scratch.Clear();
        for (int column = 0; column < Types.Count; column++)
        {
            scratch.Append(_keys[column]);
            if (page.TryGetRawBytes(row, column, out ReadOnlySpan<byte> value))
            {
                JsonFormatter.Write(Types[column], value, scratch);
            }
            else
            {
                scratch.Append("null"u8);
            }
        }

        scratch.Append(Types.Count == 0 ? "{}\n"u8 : "}\n"u8);
        Write(output, scratch.WrittenSpan);
    }
}

/// <summary>Per value: an [int] length (-1 for null) and the bytes, as the server sent them.</summary>
internal sealed class RawRowEncoder(IReadOnlyList<string> names, IReadOnlyList<CqlType> types) : RowEncoder(names, types)
{
    public override void Encode(RowSet page, int row, IBufferWriter<byte> output, ByteBuilder scratch)
    {
        for (int column = 0; column < Types.Count; column++)
        {
            if (page.TryGetRawBytes(row, column, out ReadOnlySpan<byte> value))
            {
                Span<byte> target = output.GetSpan(4 + value.Length);
                BinaryPrimitives.WriteInt32BigEndian(target, value.Length);
                value.CopyTo(target[4..]);
                output.Advance(4 + value.Length);
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
                output.Advance(4);
            }
        }
    }
}
