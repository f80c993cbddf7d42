using System.Buffers.Binary;
using System.Numerics;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// Cassandra's MurmurHash3 x64/128 (org.apache.cassandra.utils.MurmurHash.hash3_x64_128, seed 0), first half, as
/// Murmur3Partitioner uses it. It differs from the reference MurmurHash3 in one place that must be kept: the 1-15
/// trailing bytes are read as <em>signed</em> bytes (Java's <c>(long) key.get(i)</c> sign-extends), so keys whose tail
/// has a byte of 0x80 or more hash differently from the reference algorithm.
/// </summary>
internal static class Murmur3
{
    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    /// <summary>The token: h1, with long.MinValue (not a valid token) normalized to long.MaxValue as the partitioner does.</summary>
    public static long Token(ReadOnlySpan<byte> key)
    {
        long h1 = Hash(key);
        return h1 == long.MinValue ? long.MaxValue : h1;
    }

    /// <summary>The first 64 bits of the 128-bit hash.</summary>
    public static long Hash(ReadOnlySpan<byte> key)
    {
        int length = key.Length;
        int blocks = length >> 4;
        ulong h1 = 0;
        ulong h2 = 0;

        for (int i = 0; i < blocks; i++)
        {
            ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16));
            ulong k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));

            k1 *= C1;
            k1 = BitOperations.RotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = BitOperations.RotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;

            k2 *= C2;
            k2 = BitOperations.RotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = BitOperations.RotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        ReadOnlySpan<byte> tail = key.Slice(blocks * 16);
        ulong t1 = 0;
        ulong t2 = 0;
        int rest = length & 15;
        if (rest > 8)
        {
            for (int i = rest - 1; i >= 8; i--)
            {
                t2 ^= Signed(tail[i]) << ((i - 8) * 8);
            }

            t2 *= C2;
            t2 = BitOperations.RotateLeft(t2, 33);
            t2 *= C1;
            h2 ^= t2;
        }

        if (rest > 0)
        {
            for (int i = Math.Min(rest, 8) - 1; i >= 0; i--)
            {
                t1 ^= Signed(tail[i]) << (i * 8);
            }

            t1 *= C1;
            t1 = BitOperations.RotateLeft(t1, 31);
            t1 *= C2;
            h1 ^= t1;
        }

        h1 ^= (ulong)length;
        h2 ^= (ulong)length;
        h1 += h2;
        h2 += h1;
        h1 = Mix(h1);
        h2 = Mix(h2);
        h1 += h2;
        return (long)h1;
    }

    /// <summary>A byte sign-extended to 64 bits, as Java's <c>(long) byte</c>.</summary>
    private static ulong Signed(byte value) => (ulong)(long)(sbyte)value;

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
