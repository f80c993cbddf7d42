using System.Collections;
using AsyncCassandra.Advanced;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// Writes a value given as an object to a <c>vector&lt;T, n&gt;</c> marker (the dynamic <c>Bind(object?[])</c> path):
/// <c>float[]</c> and <c>ReadOnlyMemory&lt;float&gt;</c> directly, any other sequence element by element.
/// </summary>
internal static class VectorObjectEncoder
{
    public static void Write(object value, CqlType type, CqlWriter writer)
    {
        CqlType element = type.Arguments[0];
        if (element.Code == CqlTypeCode.Float)
        {
            switch (value)
            {
                case float[] array:
                    FloatVectorMemoryCodec.WriteFloats(array, type.Dimensions, writer);
                    return;
                case ReadOnlyMemory<float> memory:
                    FloatVectorMemoryCodec.WriteFloats(memory.Span, type.Dimensions, writer);
                    return;
                case Memory<float> memory:
                    FloatVectorMemoryCodec.WriteFloats(memory.Span, type.Dimensions, writer);
                    return;
            }
        }

        if (value is not IEnumerable items || value is string || !VectorElements.IsKnown(element))
        {
            throw new InvalidCastException($"A {value.GetType().Name} cannot be written as {type}; pass {(element.Code == CqlTypeCode.Float ? "a float[] or ReadOnlyMemory<float>" : "an array")} of {type.Dimensions} elements.");
        }

        bool fixedSize = VectorElements.FixedSize(element) > 0;
        int count = 0;
        foreach (object? item in items)
        {
            if (item is null)
            {
                throw new ArgumentException($"A {type} cannot hold null elements.", nameof(value));
            }

            count++;
            if (fixedSize)
            {
                ObjectEncoder.WriteBody(item, element, writer);
                continue;
            }

            using var scratch = new CqlWriter(64);
            ObjectEncoder.WriteBody(item, element, scratch);
            VInt.WriteUnsigned((ulong)scratch.Length, writer);
            writer.WriteRaw(scratch.WrittenSpan);
        }

        if (count != type.Dimensions)
        {
            throw VectorElements.WrongDimension(type.Dimensions, count, element.ToString());
        }
    }
}
