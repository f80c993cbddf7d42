using System.Globalization;
using System.Numerics;

namespace AsyncCassandra.Metadata;

/// <summary>
/// A position on the token ring, as Cassandra prints it: a signed 64-bit number under Murmur3Partitioner
/// (-2^63 to 2^63 - 1), a number from -1 to 2^127 under RandomPartitioner. Tokens of one partitioner compare in ring
/// order. <see cref="TokenPartitioner"/> turns a token into the value bound to <c>token(pk) &gt; ?</c>.
/// </summary>
public readonly struct Token : IEquatable<Token>, IComparable<Token>
{
    /// <summary>Creates a token from its number.</summary>
    public Token(BigInteger value) => Value = value;

    /// <summary>The token's number.</summary>
    public BigInteger Value { get; }

    /// <summary>Compares two tokens' positions on the ring.</summary>
    public int CompareTo(Token other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public bool Equals(Token other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Token other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>The token as CQL and the system tables print it.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether two tokens are the same.</summary>
    public static bool operator ==(Token left, Token right) => left.Equals(right);

    /// <summary>Whether two tokens differ.</summary>
    public static bool operator !=(Token left, Token right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/> on the ring.</summary>
    public static bool operator <(Token left, Token right) => left.Value < right.Value;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/> on the ring.</summary>
    public static bool operator >(Token left, Token right) => left.Value > right.Value;

    /// <summary>Whether <paramref name="left"/> comes before or is <paramref name="right"/>.</summary>
    public static bool operator <=(Token left, Token right) => left.Value <= right.Value;

    /// <summary>Whether <paramref name="left"/> comes after or is <paramref name="right"/>.</summary>
    public static bool operator >=(Token left, Token right) => left.Value >= right.Value;
}
