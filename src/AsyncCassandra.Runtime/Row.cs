using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>
/// One row of a <see cref="RowSet"/>. Values are decoded when read: <see cref="Get{T}(int)"/> by index is the fast path;
/// by name looks the column up first (exact, then ignoring case).
/// </summary>
public sealed class Row
{
    private readonly RowSet _set;
    private readonly int _index;

    internal Row(RowSet set, int index)
    {
        _set = set;
        _index = index;
    }

    /// <summary>The columns of the row.</summary>
    public ColumnDefinitions Columns => _set.Columns;

    /// <summary>How many values the row has.</summary>
    public int Count => _set.Columns.Count;

    /// <summary>The value of a column as its natural .NET type (see docs/types.md), or null.</summary>
    public object? this[int index] => GetValue(index);

    /// <summary>The value of a column by name as its natural .NET type, or null.</summary>
    public object? this[string name] => GetValue(IndexOf(name));

    /// <summary>Whether a column's value is null.</summary>
    public bool IsNull(int index)
    {
        CheckIndex(index);
        return !_set.TryGetRawValue(_index, index, out _);
    }

    /// <summary>Whether a column's value is null, by name.</summary>
    public bool IsNull(string name) => IsNull(IndexOf(name));

    /// <summary>
    /// Whether a column holds an empty value: zero bytes, which is not null (spec v4 §6). Legacy data and expressions
    /// such as <c>blobAsInt(0x)</c> make them; types with no empty reading (numbers, uuids, dates, ...) read them as
    /// null, and as an <see cref="EmptyValueException"/> into a type that cannot hold null. An empty text or blob is
    /// an ordinary value.
    /// </summary>
    public bool IsEmpty(int index)
    {
        CheckIndex(index);
        return _set.TryGetRawValue(_index, index, out ReadOnlySpan<byte> raw) && raw.IsEmpty;
    }

    /// <summary>Whether a column holds an empty value, by name; see <see cref="IsEmpty(int)"/>.</summary>
    public bool IsEmpty(string name) => IsEmpty(IndexOf(name));

    /// <summary>The value as its natural .NET type (int, string, Guid, List&lt;T&gt;, ...), or null (also for an empty value of a type with no empty reading).</summary>
    public object? GetValue(int index)
    {
        CheckIndex(index);
        ColumnDefinition column = _set.Columns[index];
        return _set.TryGetRawValue(_index, index, out ReadOnlySpan<byte> raw) && !(raw.IsEmpty && EmptyValues.HaveNoValue(column.Type))
            ? column.NaturalCodec.ReadObject(raw)
            : null;
    }

    /// <summary>
    /// The value of a column as <typeparamref name="T"/>. A null value gives null for reference and nullable types
    /// (ask for <c>int?</c> to accept null) and an <see cref="InvalidCastException"/> for non-nullable value types;
    /// an empty value of a type with no empty reading (see <see cref="IsEmpty(int)"/>) gives null likewise, and an
    /// <see cref="EmptyValueException"/> for non-nullable value types; a type that cannot hold the column's CQL type is
    /// an <see cref="InvalidCastException"/> naming both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T Get<T>(int index)
    {
        CheckIndex(index);
        ColumnDefinition column = _set.Columns[index];
        if (!_set.TryGetRawValue(_index, index, out ReadOnlySpan<byte> raw))
        {
            if (default(T) is null)
            {
                return default!;
            }

            throw new InvalidCastException($"Column '{column.Name}' ({column.Type}) is null in this row and cannot be read as {TypeNames.Of(typeof(T))}; read it as {TypeNames.Of(typeof(T))}? to accept null.");
        }

        if (raw.IsEmpty && EmptyValues.HaveNoValue(column.Type))
        {
            return default(T) is null ? default! : throw EmptyValueException.ForColumn(column.Name, column.Type, TypeNames.Of(typeof(T)));
        }

        return ValueReader<T>.Read(raw, column);
    }

    /// <summary>The value of a column by name as <typeparamref name="T"/>; see <see cref="Get{T}(int)"/>.</summary>
    public T Get<T>(string name) => Get<T>(IndexOf(name));

    private int IndexOf(string name)
    {
        int index = _set.Columns.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"The result has no column '{name}'. Its columns are: {_set.Columns}.", nameof(name));
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_set.Columns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The row has {_set.Columns.Count} columns ({_set.Columns}).");
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new string[Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{Columns[i].Name}={GetValue(i) ?? "null"}";
        }

        return "Row(" + string.Join(", ", parts) + ")";
    }
}

/// <summary>Reads a non-null value as T: the natural codec when T is the natural type (no boxing), else the alternates.</summary>
internal static class ValueReader<T>
{
    // Hot per value, and a short scan would otherwise run it at tier 0 and re-JIT it mid-stream.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Read(ReadOnlySpan<byte> raw, ColumnDefinition column)
    {
        IObjectCodec natural = column.NaturalCodec;
        if (natural is CqlCodec<T> exact)
        {
            return exact.Read(raw);
        }

        CqlTypeCode code = column.Type.Code;
        if (typeof(T) == typeof(DateTime) && code == CqlTypeCode.Timestamp)
        {
            return (T)(object)CqlCodecs.DateTime.Read(raw);
        }

        if ((typeof(T) == typeof(long) || typeof(T) == typeof(long?)) && code is CqlTypeCode.Timestamp or CqlTypeCode.Time)
        {
            return (T)(object)CqlCodecs.Int64.Read(raw);
        }

        if ((typeof(T) == typeof(ReadOnlyMemory<byte>) || typeof(T) == typeof(ReadOnlyMemory<byte>?)) && code is CqlTypeCode.Blob or CqlTypeCode.Custom)
        {
            return (T)(object)CqlCodecs.Memory.Read(raw);
        }

        if ((typeof(T) == typeof(DateTime?)) && code == CqlTypeCode.Timestamp)
        {
            return (T)(object)CqlCodecs.DateTime.Read(raw);
        }

        if (natural.TryReadAs(raw, out T alternate))
        {
            return alternate;
        }

        object? value = natural.ReadObject(raw);
        if (value is T typed)
        {
            return typed;
        }

        throw new InvalidCastException($"Column '{column.Name}' is CQL {column.Type}; it cannot be read as {TypeNames.Of(typeof(T))}. Read it as {ReadShapes.Describe(column.Type, natural)}.");
    }
}
