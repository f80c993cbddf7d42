using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>Bound values given as objects; encoded against the markers' CQL types when known, else by inference.</summary>
internal sealed class ObjectValues(object?[] values, ColumnDefinitions? types) : IValueWriter
{
    public int Count => values.Length;

    public void WriteValues(CqlWriter writer, byte version)
    {
        for (int i = 0; i < values.Length; i++)
        {
            WriteValue(i, writer, version);
        }
    }

    /// <summary>Writes one value as a [value].</summary>
    public void WriteValue(int i, CqlWriter writer, byte version)
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
