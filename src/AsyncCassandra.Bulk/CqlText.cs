using AsyncCassandra.Bulk.Text;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Bulk;

/// <summary>
/// The text form of CQL values that exports write and imports read (docs/bulk.md, "Text forms"): plain text for
/// scalars (<c>42</c>, <c>2024-05-01T12:30:00.000Z</c>, <c>0xcafe</c>, <c>1.50</c>), JSON for collections, tuples and
/// user-defined types. Every value survives <see cref="Format"/> then <see cref="Parse"/> byte for byte.
/// </summary>
public static class CqlText
{
    /// <summary>The text form of a value given as the bytes the server sends (a zero-length value gives "").</summary>
    public static string Format(CqlType type, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        using var output = new ByteBuilder();
        TextFormatter.Write(type, value, output);
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// The bytes of the value a text form stands for ("" gives a zero-length value). Text that is not a value of the
    /// type throws <see cref="FormatException"/> saying what was expected.
    /// </summary>
    public static byte[] Parse(CqlType type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        using var writer = new CqlWriter();
        CqlTextParser.Write(type, text, writer);
        return writer.WrittenSpan.ToArray();
    }
}
