using System.ComponentModel;
using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Advanced;

/// <summary>Reading a page's values as raw bytes with codecs, and giving its buffers back (generated row readers).</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class RowSetExtensions
{
    /// <summary>
    /// The raw bytes of one value (decode them with a <see cref="CqlCodec{T}"/>); false when the value is null, or empty
    /// (zero bytes, spec v4 §6) in a column whose type has no empty reading, such as <c>blobAsInt(0x)</c>: those read
    /// as null, and <see cref="CqlRowBinding.NullValue"/> then builds an <see cref="EmptyValueException"/>.
    /// </summary>
    /// <param name="rows">The page.</param>
    /// <param name="row">The row index in the page.</param>
    /// <param name="column">The column index.</param>
    /// <param name="value">The value's bytes, valid until the page is recycled.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetRawValue(this RowSet rows, int row, int column, out ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.TryGetRawValue(row, column, out value))
        {
            EmptyValues.MarkNull();
            return false;
        }

        if (value.IsEmpty && EmptyValues.HaveNoValue(rows.Columns[column].Type))
        {
            EmptyValues.MarkEmpty();
            return false;
        }

        return true;
    }

    /// <summary>
    /// The bytes of one value exactly as the server sent them: false only when the value is null; an empty value (zero
    /// bytes, spec v4 §6) of any type is returned as an empty span. For tools that keep null and empty apart (bulk
    /// export); generated readers use <see cref="TryGetRawValue"/>.
    /// </summary>
    /// <param name="rows">The page.</param>
    /// <param name="row">The row index in the page.</param>
    /// <param name="column">The column index.</param>
    /// <param name="value">The value's bytes, valid until the page is recycled.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetRawBytes(this RowSet rows, int row, int column, out ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.TryGetRawValue(row, column, out value);
    }

    /// <summary>Reads one value with a codec; a null value (or an empty one of a type with no empty reading) gives default.</summary>
    /// <typeparam name="T">The codec's type.</typeparam>
    /// <param name="rows">The page.</param>
    /// <param name="row">The row index in the page.</param>
    /// <param name="column">The column index.</param>
    /// <param name="codec">Decodes the bytes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T? Read<T>(this RowSet rows, int row, int column, CqlCodec<T> codec) =>
        TryGetRawValue(rows, row, column, out ReadOnlySpan<byte> value) ? codec.Read(value) : default;

    /// <summary>
    /// Gives the page's buffers back to the shared pool once every row has been read. The <see cref="RowSet"/>, and every
    /// <see cref="Row"/> taken from it, must not be used afterwards. Idempotent. Code that hands pages or rows around
    /// should simply let them be collected.
    /// </summary>
    /// <param name="rows">The page.</param>
    public static void Recycle(this RowSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        rows.Recycle();
    }
}
