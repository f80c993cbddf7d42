using System.Numerics;
using AsyncCassandra.Metadata;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>The public token types: bounds, the values bound to token(pk) markers, parsing and known tokens.</summary>
public sealed class TokenPartitionerTests
{
    [Fact]
    public void Murmur3_tokens_bind_as_long_and_random_tokens_as_varint()
    {
        Assert.IsType<long>(TokenPartitioner.Murmur3.ToCqlValue(TokenPartitioner.Murmur3.MinToken));
        Assert.Equal(long.MaxValue, TokenPartitioner.Murmur3.ToCqlValue(TokenPartitioner.Murmur3.MaxToken));
        Assert.IsType<BigInteger>(TokenPartitioner.Random.ToCqlValue(TokenPartitioner.Random.MaxToken));
        Assert.Equal(BigInteger.MinusOne, TokenPartitioner.Random.MinToken.Value);
        Assert.Equal(BigInteger.Pow(2, 127), TokenPartitioner.Random.MaxToken.Value);
        Assert.Equal(CqlType.Bigint, TokenPartitioner.Murmur3.TokenType);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenPartitioner.Murmur3.ToCqlValue(new Token(BigInteger.Pow(2, 63))));
    }

    [Fact]
    public void Tokens_parse_as_the_system_tables_print_them_and_names_resolve()
    {
        Assert.Equal(new Token(-42), TokenPartitioner.Murmur3.Parse("-42"));
        Assert.Throws<FormatException>(() => TokenPartitioner.Random.Parse("-2"));
        Assert.Same(TokenPartitioner.Murmur3, TokenPartitioner.FromName("org.apache.cassandra.dht.Murmur3Partitioner"));
        Assert.Same(TokenPartitioner.Random, TokenPartitioner.FromName("RandomPartitioner"));
        Assert.Null(TokenPartitioner.FromName("org.apache.cassandra.dht.ByteOrderedPartitioner"));
    }

    [Fact]
    public void Murmur3_token_of_a_known_key_matches_cassandra()
    {
        // token(1) for an int key, as Cassandra prints it (the runtime's tests read it from Cassandra 2.1.0).
        Token token = TokenPartitioner.Murmur3.GetToken([0, 0, 0, 1]);
        Assert.Equal(new Token(-4069959284402364209), token);
        Assert.Equal("-4069959284402364209", token.ToString());
    }
}
