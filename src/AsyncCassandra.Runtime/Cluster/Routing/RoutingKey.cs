using System.Buffers;
using System.Buffers.Binary;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// The routing key of a statement: the serialized partition key, from which the partitioner computes the token.
/// One component is its value's bytes; a composite key is, per component, a 2-byte big-endian length, the bytes and
/// a 0 byte (Cassandra's CompositeType encoding).
/// </summary>
internal static class RoutingKey
{
    /// <summary>
    /// The token of the partition key held in a sequence of [value]s (the bound values of an EXECUTE, spec §3:
    /// [int] length then bytes). <paramref name="indexes"/> gives, per key component, the index of its value.
    /// Null when a component is null, unset or missing.
    /// </summary>
    public static UInt128? Token(Partitioner partitioner, ReadOnlySpan<byte> values, int valueCount, IReadOnlyList<int> indexes)
    {
        if (indexes.Count == 1)
        {
            return Find(values, valueCount, indexes[0], out int start, out int length) ? partitioner.Token(values.Slice(start, length)) : null;
        }

        int total = 0;
        for (int i = 0; i < indexes.Count; i++)
        {
            if (!Find(values, valueCount, indexes[i], out _, out int length) || length > ushort.MaxValue)
            {
                return null;
            }

            total += 2 + length + 1;
        }

        byte[]? rented = null;
        Span<byte> key = total <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(total));
        int position = 0;
        for (int i = 0; i < indexes.Count; i++)
        {
            Find(values, valueCount, indexes[i], out int start, out int length);
            BinaryPrimitives.WriteUInt16BigEndian(key.Slice(position), (ushort)length);
            values.Slice(start, length).CopyTo(key.Slice(position + 2));
            key[position + 2 + length] = 0;
            position += 3 + length;
        }

        UInt128 token = partitioner.Token(key.Slice(0, total));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return token;
    }

    private static readonly int[][] Sequences = [.. Enumerable.Range(0, 17).Select(n => Enumerable.Range(0, n).ToArray())];

    /// <summary>0, 1, ..., count - 1: the indexes of values written in key order.</summary>
    public static IReadOnlyList<int> Sequence(int count) => count < Sequences.Length ? Sequences[count] : Enumerable.Range(0, count).ToArray();

    /// <summary>Locates the bytes of the value at <paramref name="index"/>; false when it is null, unset or beyond the values.</summary>
    private static bool Find(ReadOnlySpan<byte> values, int valueCount, int index, out int start, out int length)
    {
        start = 0;
        length = 0;
        if ((uint)index >= (uint)valueCount)
        {
            return false;
        }

        int position = 0;
        for (int i = 0; ; i++)
        {
            if (position + 4 > values.Length)
            {
                return false;
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(values.Slice(position));
            position += 4;
            if (i == index)
            {
                if (size < 0 || position + size > values.Length)
                {
                    return false;
                }

                start = position;
                length = size;
                return true;
            }

            if (size > 0)
            {
                position += size;
            }
        }
    }
}
