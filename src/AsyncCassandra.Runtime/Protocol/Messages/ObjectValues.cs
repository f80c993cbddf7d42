using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>Values that write one at a time (routing encodes only the partition key's values).</summary>
internal interface IIndexedValueWriter : IValueWriter
{
    /// <summary>Writes value <paramref name="i"/> as a [value].</summary>
    void WriteValue(int i, CqlWriter writer, byte version);
}

/// <summary>Bound values given as objects; encoded against the markers' CQL types when known, else by inference.</summary>
internal sealed class ObjectValues(object?[] values, ColumnDefinitions? types) : IIndexedValueWriter
{
    public int Count => values.Length;

    public void WriteValues(CqlWriter writer, byte version) => WriteAll(values, types, writer, version);

    /// <summary>Writes one value as a [value].</summary>
    public void WriteValue(int i, CqlWriter writer, byte version) => Write(values, types, i, writer, version);

    /// <summary>Writes every value as a [value] (a <see cref="BoundStatement"/> writes its own values with it, without an object of this class).</summary>
    internal static void WriteAll(object?[] values, ColumnDefinitions? types, CqlWriter writer, byte version)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Write(values, types, i, writer, version);
        }
    }

    /// <summary>Writes value <paramref name="i"/> as a [value], encoded to marker <paramref name="i"/>'s type when known.</summary>
    internal static void Write(object?[] values, ColumnDefinitions? types, int i, CqlWriter writer, byte version)
    {
        CqlType? type = types?[i].Type;
        try
        {
            ObjectEncoder.WriteValue(values[i], type, writer, version);
        }
        catch (InvalidCastException ex)
        {
            string name = types is null ? $"value {i}" : $"marker {i} ('{types[i].Name}', {types[i].Type})";
            throw new InvalidCastException($"Cannot bind {name}: {ex.Message}", ex);
        }
    }
}
