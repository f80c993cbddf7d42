using System.Buffers.Binary;
using System.Text;
using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.Tests.Cluster.Routing;

/// <summary>
/// Tokens as Cassandra computes them. Murmur3 values were read from Apache Cassandra 2.1.0 (<c>SELECT token(k)</c>);
/// the integration tests compare thousands more with the live node.
/// </summary>
public class PartitionerTests
{
    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public void Murmur3_token_of_int_1_is_cassandras()
    {
        // The token of int 1 (bytes 00 00 00 01), as documented for Murmur3Partitioner and printed by token(k).
        Assert.Equal(-4069959284402364209L, Murmur3.Token(Int(1)));
    }

    [Fact]
    public void Murmur3_tokens_keep_their_order_as_unsigned()
    {
        long[] tokens = [long.MinValue, -5, -1, 0, 1, 7, long.MaxValue];
        UInt128[] mapped = [.. tokens.Select(Murmur3Partitioner.FromLong)];

        Assert.Equal(mapped.Order(), mapped);
        Assert.Equal(Murmur3Partitioner.FromLong(-42), Murmur3Partitioner.Instance.Parse("-42"));
        Assert.Null(Murmur3Partitioner.Instance.Parse("1.5"));
    }

    [Fact]
    public void Murmur3_reads_trailing_bytes_as_signed_like_cassandra()
    {
        // The reference MurmurHash3 and Cassandra's agree when no tail byte has its high bit set, and differ otherwise.
        byte[] high = [0x80];
        byte[] low = [0x7f];
        Assert.NotEqual(Reference(high), Murmur3.Hash(high));
        Assert.Equal(Reference(low), Murmur3.Hash(low));
        Assert.Equal(Reference(Encoding.UTF8.GetBytes("sixteen bytes!!!")), Murmur3.Hash(Encoding.UTF8.GetBytes("sixteen bytes!!!")));
    }

    [Fact]
    public void Murmur3_normalizes_the_minimum_token()
    {
        Assert.NotEqual(long.MinValue, Murmur3.Token([]));
        Assert.Equal(0, Murmur3.Hash([])); // seed 0, no data: every step keeps 0
    }

    [Fact]
    public void Random_partitioner_token_is_the_absolute_md5()
    {
        byte[] key = Encoding.ASCII.GetBytes("key");
        byte[] md5 = System.Security.Cryptography.MD5.HashData(key);
        var expected = System.Numerics.BigInteger.Abs(new System.Numerics.BigInteger(md5, isUnsigned: false, isBigEndian: true));

        Assert.Equal((UInt128)expected, RandomPartitioner.Instance.Token(key));
        Assert.Equal((UInt128)1 << 127, RandomPartitioner.Instance.Parse("170141183460469231731687303715884105728"));
        Assert.Null(RandomPartitioner.Instance.Parse("-1"));
    }

    [Fact]
    public void Partitioners_by_class_name()
    {
        Assert.Same(Murmur3Partitioner.Instance, Partitioner.FromName("org.apache.cassandra.dht.Murmur3Partitioner"));
        Assert.Same(RandomPartitioner.Instance, Partitioner.FromName("org.apache.cassandra.dht.RandomPartitioner"));
        Assert.Null(Partitioner.FromName("org.apache.cassandra.dht.ByteOrderedPartitioner"));
        Assert.Null(Partitioner.FromName(null));
    }

    [Fact]
    public void Composite_routing_key_is_length_bytes_and_a_zero_per_component()
    {
        // Values as an EXECUTE carries them: [int length][bytes] each; the key is values 2 and 0.
        byte[] values = [0, 0, 0, 1, 0xAA, 0, 0, 0, 2, 0x01, 0x02, 0, 0, 0, 1, 0xBB];
        byte[] composite = [0, 1, 0xBB, 0, 0, 1, 0xAA, 0];

        Assert.Equal(Murmur3Partitioner.Instance.Token(composite), RoutingKey.Token(Murmur3Partitioner.Instance, values, 3, [2, 0]));
        Assert.Equal(Murmur3Partitioner.Instance.Token([0x01, 0x02]), RoutingKey.Token(Murmur3Partitioner.Instance, values, 3, [1]));
    }

    [Fact]
    public void Null_missing_or_truncated_key_values_give_no_token()
    {
        byte[] values = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 0xAA];

        Assert.Null(RoutingKey.Token(Murmur3Partitioner.Instance, values, 2, [0]));
        Assert.Null(RoutingKey.Token(Murmur3Partitioner.Instance, values, 2, [2]));
        Assert.Null(RoutingKey.Token(Murmur3Partitioner.Instance, values, 2, [1, 0]));
        Assert.Null(RoutingKey.Token(Murmur3Partitioner.Instance, values.AsSpan(0, 7), 2, [1]));
        Assert.NotNull(RoutingKey.Token(Murmur3Partitioner.Instance, values, 2, [1]));
    }

    /// <summary>The reference MurmurHash3 x64/128 h1 (unsigned tail bytes), to show where Cassandra's differs.</summary>
    private static long Reference(ReadOnlySpan<byte> key)
    {
        const ulong c1 = 0x87c37b91114253d5UL, c2 = 0x4cf5ad432745937fUL;
        ulong h1 = 0, h2 = 0;
        int blocks = key.Length / 16;
        for (int i = 0; i < blocks; i++)
        {
            ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16)), k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));
            k1 *= c1; k1 = ulong.RotateLeft(k1, 31); k1 *= c2; h1 ^= k1; h1 = ulong.RotateLeft(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
            k2 *= c2; k2 = ulong.RotateLeft(k2, 33); k2 *= c1; h2 ^= k2; h2 = ulong.RotateLeft(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
        }

        ReadOnlySpan<byte> tail = key.Slice(blocks * 16);
        ulong t1 = 0, t2 = 0;
        for (int i = tail.Length - 1; i >= 8; i--)
        {
            t2 ^= (ulong)tail[i] << ((i - 8) * 8);
        }

        for (int i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
        {
            t1 ^= (ulong)tail[i] << (i * 8);
        }

        if (tail.Length > 8)
        {
            t2 *= c2; t2 = ulong.RotateLeft(t2, 33); t2 *= c1; h2 ^= t2;
        }

        if (tail.Length > 0)
        {
            t1 *= c1; t1 = ulong.RotateLeft(t1, 31); t1 *= c2; h1 ^= t1;
        }

        h1 ^= (ulong)key.Length; h2 ^= (ulong)key.Length;
        h1 += h2; h2 += h1;
        h1 = Fmix(h1); h2 = Fmix(h2);
        h1 += h2;
        return (long)h1;

        static ulong Fmix(ulong k)
        {
            k ^= k >> 33; k *= 0xff51afd7ed558ccdUL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53UL; k ^= k >> 33;
            return k;
        }
    }
}
