using System.Buffers.Binary;
using AsyncCassandra.Advanced;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// <c>vector&lt;T, n&gt;</c> (spec v5 §5.25): the n elements one after another, without a count (the dimension is part of
/// the type). Elements of a fixed-size type are written bare; others each after their length as an [unsigned vint].
/// </summary>
internal static class VectorElements
{
    /// <summary>The serialized size of every value of <paramref name="element"/>, or -1 for a type whose values vary in size.</summary>
    public static int FixedSize(CqlType element) => element.Code switch
    {
        CqlTypeCode.Boolean => 1,
        CqlTypeCode.Int or CqlTypeCode.Float => 4,
        CqlTypeCode.Bigint or CqlTypeCode.Double or CqlTypeCode.Timestamp => 8,
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => 16,
        CqlTypeCode.Custom when element.Dimensions > 0 && FixedSize(element.Arguments[0]) is > 0 and var size => size * element.Dimensions,
        _ => -1,
    };

    /// <summary>
    /// Whether this client knows how the server serializes <paramref name="element"/> inside a vector: the fixed-size
    /// types above, and the variable-size ones whose size Cassandra never fixes. Other elements stay raw bytes.
    /// </summary>
    public static bool IsKnown(CqlType element) => FixedSize(element) > 0 || element.Code is CqlTypeCode.Varchar or CqlTypeCode.Ascii
        or CqlTypeCode.Blob or CqlTypeCode.Varint or CqlTypeCode.Decimal or CqlTypeCode.Inet;

    public static ProtocolException Malformed(CqlType type, int length, string expected) =>
        new($"Malformed {type} value: {length} bytes, {expected} (spec v5 §5.25).");

    public static ArgumentException WrongDimension(int dimensions, int count, string elementType) =>
        new($"A vector<{elementType}, {dimensions}> takes exactly {dimensions} elements, but the value has {count}; give it {dimensions}.", "value");
}

/// <summary><c>vector&lt;float, n&gt;</c> as <c>float[]</c>: 4 big-endian bytes per element.</summary>
internal sealed class FloatVectorCodec(int dimensions) : CqlCodec<float[]>
{
    public override float[] Read(ReadOnlySpan<byte> value)
    {
        if (value.Length != dimensions * 4)
        {
            throw VectorElements.Malformed(CqlType.Vector(CqlType.Native(CqlTypeCode.Float), dimensions), value.Length, $"expected {dimensions * 4}");
        }

        var result = new float[dimensions];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadSingleBigEndian(value.Slice(i * 4, 4));
        }

        return result;
    }

    public override void Write(float[] value, CqlWriter writer) => FloatVectorMemoryCodec.WriteFloats(value, dimensions, writer);

    public override bool Accepts(CqlType type) => FloatVectorMemoryCodec.IsFloatVector(type, dimensions);
}

/// <summary><c>vector&lt;float, n&gt;</c> as <c>ReadOnlyMemory&lt;float&gt;</c> (an embedding held elsewhere is written without a copy to an array).</summary>
internal sealed class FloatVectorMemoryCodec(int dimensions) : CqlCodec<ReadOnlyMemory<float>>
{
    private readonly FloatVectorCodec _array = new(dimensions);

    public override ReadOnlyMemory<float> Read(ReadOnlySpan<byte> value) => _array.Read(value);

    public override void Write(ReadOnlyMemory<float> value, CqlWriter writer) => WriteFloats(value.Span, dimensions, writer);

    public override bool Accepts(CqlType type) => IsFloatVector(type, dimensions);

    internal static bool IsFloatVector(CqlType type, int dimensions) =>
        type.Dimensions == dimensions && type.Arguments[0].Code == CqlTypeCode.Float;

    internal static void WriteFloats(ReadOnlySpan<float> value, int dimensions, CqlWriter writer)
    {
        if (value.Length != dimensions)
        {
            throw VectorElements.WrongDimension(dimensions, value.Length, "float");
        }

        Span<byte> span = writer.GetSpan(dimensions * 4);
        for (int i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(span.Slice(i * 4, 4), value[i]);
        }

        writer.Advance(dimensions * 4);
    }
}

/// <summary><c>vector&lt;T, n&gt;</c> of any element this client knows (<see cref="VectorElements.IsKnown"/>) as <c>T[]</c>.</summary>
internal sealed class VectorCodec<T>(CqlCodec<T> element, CqlType type) : CqlCodec<T[]>
{
    private readonly int _dimensions = type.Dimensions;
    private readonly int _size = VectorElements.FixedSize(type.Arguments[0]);

    public override T[] Read(ReadOnlySpan<byte> value)
    {
        var result = new T[_dimensions];
        if (_size > 0)
        {
            if (value.Length != _size * _dimensions)
            {
                throw VectorElements.Malformed(type, value.Length, $"expected {_size * _dimensions}");
            }

            for (int i = 0; i < result.Length; i++)
            {
                result[i] = element.Read(value.Slice(i * _size, _size));
            }

            return result;
        }

        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            ulong length = VInt.ReadUnsigned(value, ref offset);
            if (length > (ulong)(value.Length - offset))
            {
                throw VectorElements.Malformed(type, value.Length, $"element {i} claims {length} bytes where {value.Length - offset} remain");
            }

            result[i] = element.Read(value.Slice(offset, (int)length));
            offset += (int)length;
        }

        return offset == value.Length ? result : throw VectorElements.Malformed(type, value.Length, $"{value.Length - offset} left over after {_dimensions} elements");
    }

    public override void Write(T[] value, CqlWriter writer)
    {
        if (value.Length != _dimensions)
        {
            throw VectorElements.WrongDimension(_dimensions, value.Length, type.Arguments[0].ToString());
        }

        foreach (T item in value)
        {
            if (item is null)
            {
                throw new ArgumentException($"A {type} cannot hold null elements.", nameof(value));
            }

            if (_size > 0)
            {
                element.Write(item, writer);
                continue;
            }

            using var scratch = new CqlWriter(64);
            element.Write(item, scratch);
            VInt.WriteUnsigned((ulong)scratch.Length, writer);
            writer.WriteRaw(scratch.WrittenSpan);
        }
    }

    public override bool Accepts(CqlType other) => other.Equals(type);
}
