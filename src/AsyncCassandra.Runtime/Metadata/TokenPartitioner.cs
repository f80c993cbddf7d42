using System.Globalization;
using System.Numerics;
using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.Metadata;

/// <summary>
/// How the cluster maps partition keys to tokens (system.local's <c>partitioner</c>): Murmur3Partitioner (the
/// default since Cassandra 1.2) or RandomPartitioner. Gives the ring's bounds, a key's token, and the value to bind
/// where CQL compares <c>token(pk)</c> with a marker (bigint under Murmur3, varint under Random).
/// </summary>
public sealed class TokenPartitioner
{
    /// <summary>Murmur3Partitioner: tokens are signed 64-bit numbers.</summary>
    public static TokenPartitioner Murmur3 { get; } = new("Murmur3Partitioner", Murmur3Partitioner.Instance, long.MinValue, long.MaxValue);

    /// <summary>RandomPartitioner: tokens are the absolute value of a key's MD5, 0 to 2^127.</summary>
    public static TokenPartitioner Random { get; } = new("RandomPartitioner", RandomPartitioner.Instance, BigInteger.MinusOne, BigInteger.One << 127);

    private TokenPartitioner(string name, Partitioner implementation, BigInteger min, BigInteger max)
    {
        Name = name;
        Implementation = implementation;
        MinToken = new Token(min);
        MaxToken = new Token(max);
    }

    /// <summary>The partitioner's short class name, e.g. <c>Murmur3Partitioner</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The ring's minimum: no key has this token, and <c>token(pk) &gt; MinToken</c> holds for every row
    /// (-2^63 under Murmur3, -1 under Random).
    /// </summary>
    public Token MinToken { get; }

    /// <summary>The largest token a key can have (2^63 - 1 under Murmur3, 2^127 under Random).</summary>
    public Token MaxToken { get; }

    /// <summary>The CQL type of <c>token(pk)</c>: bigint under Murmur3, varint under Random.</summary>
    public CqlType TokenType => ReferenceEquals(this, Murmur3) ? CqlType.Bigint : CqlType.Native(CqlTypeCode.Varint);

    internal Partitioner Implementation { get; }

    /// <summary>The partitioner for a class name (full or short); null for one whose tokens the client cannot compute (ByteOrderedPartitioner, custom ones).</summary>
    public static TokenPartitioner? FromName(string? name) => Partitioner.FromName(name) switch
    {
        Murmur3Partitioner => Murmur3,
        RandomPartitioner => Random,
        _ => null,
    };

    /// <summary>The token of a routing key: the serialized partition key (one component's bytes, or the composite encoding).</summary>
    public Token GetToken(ReadOnlySpan<byte> routingKey) => FromRing(Implementation.Token(routingKey));

    /// <summary>Reads a token as the system tables and CQL print it; throws <see cref="FormatException"/> for text that is not a token of this partitioner.</summary>
    public Token Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value)
            && value >= MinToken.Value && value <= MaxToken.Value)
        {
            return new Token(value);
        }

        throw new FormatException($"'{text}' is not a {Name} token (a whole number from {MinToken} to {MaxToken}).");
    }

    /// <summary>The value to bind to a marker compared with <c>token(pk)</c>: a <see cref="long"/> under Murmur3, a <see cref="BigInteger"/> under Random.</summary>
    public object ToCqlValue(Token token)
    {
        CheckRange(token);
        return ReferenceEquals(this, Murmur3) ? (object)(long)token.Value : token.Value;
    }

    /// <summary>The token's position on the client's internal ring (every partitioner's tokens as UInt128 in ring order).</summary>
    internal UInt128 ToRing(Token token)
    {
        CheckRange(token);
        if (ReferenceEquals(this, Murmur3))
        {
            return Murmur3Partitioner.FromLong((long)token.Value);
        }

        return token.Value.Sign < 0 ? UInt128.Zero : (UInt128)token.Value;
    }

    /// <summary>A token from the internal ring's representation.</summary>
    internal Token FromRing(UInt128 value) =>
        ReferenceEquals(this, Murmur3) ? new Token((long)((ulong)value ^ 0x8000_0000_0000_0000UL)) : new Token((BigInteger)value);

    private void CheckRange(Token token)
    {
        if (token.Value < MinToken.Value || token.Value > MaxToken.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token.ToString(), $"Not a {Name} token: tokens run from {MinToken} to {MaxToken}.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
