using System.Security.Cryptography;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>Paging tokens: opaque, URL-safe, bound to their statement, and refused with a typed error when forged.</summary>
public sealed class PagingTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] State = [0x00, 0x10, 0x6a, 0x6f, 0x68, 0x6e, 0x40, 0x65, 0x78, 0x2e, 0x63, 0x6f, 0x6d, 0xf0, 0x7f, 0xff, 0xff, 0xfe];
    private static readonly SimpleStatement Users = new("SELECT id, name FROM users");
    private static readonly SimpleStatement Orders = new("SELECT id, total FROM orders");

    [Fact]
    public void A_token_round_trips_to_the_same_paging_state_and_is_url_safe_and_opaque()
    {
        var protector = new PagingTokenProtector(Key);
        string token = protector.Protect(State, Users)!;

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(State, protector.Unprotect(token, Users));
        Assert.Equal(State, new PagingTokenProtector(Key).Unprotect(token, new SimpleStatement("SELECT id, name FROM users")));
        byte[] raw = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));
        Assert.False(raw.AsSpan().IndexOf("john@ex.com"u8) >= 0, "the paging state is readable in the token");
        Assert.NotEqual(token, protector.Protect(State, Users));
    }

    [Fact]
    public void No_paging_state_is_no_token_and_no_token_is_the_first_page()
    {
        var protector = new PagingTokenProtector(Key);
        Assert.Null(protector.Protect(null, Users));
        Assert.Null(protector.Unprotect(null, Users));
        Assert.Null(protector.Unprotect(string.Empty, Users));
    }

    [Fact]
    public void A_token_of_another_statement_or_scope_is_refused()
    {
        var protector = new PagingTokenProtector(Key);
        string token = protector.Protect(State, Users)!;

        var other = Assert.Throws<PagingTokenException>(() => protector.Unprotect(token, Orders));
        Assert.Equal(PagingTokenError.OtherStatement, other.Reason);
        Assert.Contains("another query", other.Message, StringComparison.Ordinal);

        string scoped = protector.Protect(State, "events:alice")!;
        Assert.Equal(State, protector.Unprotect(scoped, "events:alice"));
        Assert.Equal(PagingTokenError.OtherStatement, Assert.Throws<PagingTokenException>(() => protector.Unprotect(scoped, "events:bob")).Reason);
    }

    [Fact]
    public void Every_altered_character_and_every_truncation_is_refused()
    {
        var protector = new PagingTokenProtector(Key);
        string token = protector.Protect(State, Users)!;
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (int i = 0; i < token.Length; i++)
        {
            char replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            string altered = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));
            var error = Assert.Throws<PagingTokenException>(() => protector.Unprotect(altered, Users));
            Assert.True(error.Reason is PagingTokenError.Tampered or PagingTokenError.OtherStatement or PagingTokenError.Malformed, $"position {i}: {error.Reason}");
        }

        for (int length = 0; length < token.Length; length++)
        {
            string truncated = token[..length];
            if (length == 0)
            {
                Assert.Null(protector.Unprotect(truncated, Users));
                continue;
            }

            var error = Assert.Throws<PagingTokenException>(() => protector.Unprotect(truncated, Users));
            Assert.True(error.Reason is PagingTokenError.Tampered or PagingTokenError.Malformed, $"length {length}: {error.Reason}");
        }
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("abc+/def")]
    [InlineData("AQ")]
    [InlineData("A")]
    public void Garbage_is_malformed(string garbage)
    {
        var error = Assert.Throws<PagingTokenException>(() => new PagingTokenProtector(Key).Unprotect(garbage, Users));
        Assert.Equal(PagingTokenError.Malformed, error.Reason);
        Assert.Contains("first page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_made_with_another_key_is_refused_and_short_keys_are_rejected()
    {
        string token = new PagingTokenProtector(Key).Protect(State, Users)!;
        var other = new PagingTokenProtector(RandomNumberGenerator.GetBytes(32));
        var error = Assert.Throws<PagingTokenException>(() => other.Unprotect(token, Users));
        Assert.True(error.Reason is PagingTokenError.Tampered or PagingTokenError.OtherStatement);

        var weak = Assert.Throws<ArgumentException>(() => new PagingTokenProtector(new byte[8]));
        Assert.Contains("at least 16 bytes", weak.Message, StringComparison.Ordinal);
    }
}
