using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// How the cluster turns a partition key into a token (system.local's <c>partitioner</c>). Tokens of every partitioner
/// are carried as <see cref="UInt128"/> in the partitioner's own order, so one ring type serves them all.
/// </summary>
internal abstract class Partitioner
{
    /// <summary>The token of a routing key (the serialized partition key).</summary>
    public abstract UInt128 Token(ReadOnlySpan<byte> routingKey);

    /// <summary>A token as the system tables print it; null when the text is not one.</summary>
    public abstract UInt128? Parse(string text);

    /// <summary>The partitioner for a class name, or null for those the client cannot route for (ByteOrderedPartitioner, custom ones).</summary>
    public static Partitioner? FromName(string? name) => name switch
    {
        "org.apache.cassandra.dht.Murmur3Partitioner" or "Murmur3Partitioner" => Murmur3Partitioner.Instance,
        "org.apache.cassandra.dht.RandomPartitioner" or "RandomPartitioner" => RandomPartitioner.Instance,
        _ => null,
    };
}

/// <summary>The default partitioner since Cassandra 1.2: the first 64 bits of Cassandra's MurmurHash3 x64/128 (seed 0).</summary>
internal sealed class Murmur3Partitioner : Partitioner
{
    public static readonly Murmur3Partitioner Instance = new();

    /// <summary>A signed 64-bit token mapped to an unsigned one of the same order (the sign bit flipped).</summary>
    public static UInt128 FromLong(long token) => (ulong)token ^ 0x8000_0000_0000_0000UL;

    public override UInt128 Token(ReadOnlySpan<byte> routingKey) => FromLong(Murmur3.Token(routingKey));

    public override UInt128? Parse(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long token) ? FromLong(token) : null;
}

/// <summary>The partitioner before 1.2: the absolute value of the MD5 of the key, read as a signed big-endian integer (0 to 2^127).</summary>
internal sealed class RandomPartitioner : Partitioner
{
    public static readonly RandomPartitioner Instance = new();

    public override UInt128 Token(ReadOnlySpan<byte> routingKey)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(routingKey, hash);
        var value = new BigInteger(hash, isUnsigned: false, isBigEndian: true);
        return (UInt128)BigInteger.Abs(value);
    }

    public override UInt128? Parse(string text) =>
        BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger token) && token.Sign >= 0 && token.GetBitLength() <= 128
            ? (UInt128)token
            : null;
}
