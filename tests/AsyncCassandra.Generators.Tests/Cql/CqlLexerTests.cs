using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlLexerTests
{
    private static CqlToken[] Lex(string text, bool allowErrors = false)
    {
        var list = CqlLexer.Tokenize(text);
        if (!allowErrors)
        {
            Assert.Empty(list.Errors);
        }

        var tokens = list.Tokens.ToArray();
        Assert.Equal(CqlTokenKind.EndOfText, tokens[^1].Kind);
        return tokens[..^1];
    }

    private static CqlToken Single(string text) => Assert.Single(Lex(text));

    [Fact]
    public void Unquoted_identifiers_are_lowercased_and_keep_their_text()
    {
        var token = Single("UserName_2");
        Assert.Equal(CqlTokenKind.Identifier, token.Kind);
        Assert.Equal("username_2", token.Value);
        Assert.Equal("UserName_2", token.Text);
    }

    [Fact]
    public void Quoted_identifiers_keep_case_and_unescape_doubled_quotes()
    {
        var token = Single("\"My \"\"Col\"\"\"");
        Assert.Equal(CqlTokenKind.QuotedIdentifier, token.Kind);
        Assert.Equal("My \"Col\"", token.Value);
        Assert.Equal(0, token.Start);
        Assert.Equal(12, token.Length);
    }

    [Theory]
    [InlineData("select", "SELECT")]
    [InlineData("From", "FROM")]
    [InlineData("where", "WHERE")]
    [InlineData("token", "TOKEN")]
    public void Reserved_words_are_keywords(string text, string value)
    {
        var token = Single(text);
        Assert.Equal(CqlTokenKind.Keyword, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.True(token.IsWord(value));
    }

    [Theory]
    [InlineData("ttl")]
    [InlineData("key")]
    [InlineData("values")]
    [InlineData("json")]
    [InlineData("distinct")]
    [InlineData("count")]
    public void Non_reserved_words_are_identifiers(string text)
    {
        var token = Single(text);
        Assert.Equal(CqlTokenKind.Identifier, token.Kind);
        Assert.True(token.IsWord(text.ToUpperInvariant()));
    }

    [Fact]
    public void String_literals_unescape_doubled_quotes()
    {
        var token = Single("'it''s'");
        Assert.Equal(CqlTokenKind.String, token.Kind);
        Assert.Equal("it's", token.Value);
        Assert.Equal(7, token.Length);
    }

    [Fact]
    public void Dollar_strings_keep_their_content_verbatim()
    {
        var token = Single("$$ it's 'raw' $$");
        Assert.Equal(CqlTokenKind.String, token.Kind);
        Assert.Equal(" it's 'raw' ", token.Value);
    }

    [Theory]
    [InlineData("42", nameof(CqlTokenKind.Integer))]
    [InlineData("3.14", nameof(CqlTokenKind.Float))]
    [InlineData("1e10", nameof(CqlTokenKind.Float))]
    [InlineData("2.5E-3", nameof(CqlTokenKind.Float))]
    [InlineData("1.e5", nameof(CqlTokenKind.Float))]
    [InlineData("NaN", nameof(CqlTokenKind.Float))]
    [InlineData("Infinity", nameof(CqlTokenKind.Float))]
    [InlineData("0xCAFEbabe", nameof(CqlTokenKind.Hex))]
    [InlineData("1h30m", nameof(CqlTokenKind.Duration))]
    [InlineData("12ms", nameof(CqlTokenKind.Duration))]
    [InlineData("true", nameof(CqlTokenKind.Boolean))]
    [InlineData("FALSE", nameof(CqlTokenKind.Boolean))]
    [InlineData("123e4567-e89b-12d3-a456-426614174000", nameof(CqlTokenKind.Uuid))]
    [InlineData("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", nameof(CqlTokenKind.Uuid))]
    public void Literals_are_recognized(string text, string kind)
    {
        var token = Single(text);
        Assert.Equal(Enum.Parse<CqlTokenKind>(kind), token.Kind);
        Assert.Equal(text.Length, token.Length);
    }

    [Fact]
    public void A_minus_sign_is_its_own_token()
    {
        var tokens = Lex("-5");
        Assert.Equal([CqlTokenKind.Minus, CqlTokenKind.Integer], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Ordinary_identifiers_that_start_like_hex_are_not_uuids()
    {
        var tokens = Lex("deadbeef-1234");
        Assert.Equal([CqlTokenKind.Identifier, CqlTokenKind.Minus, CqlTokenKind.Integer], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Named_markers_are_a_colon_and_a_name_as_in_the_server_lexer()
    {
        var tokens = Lex("? :Id : spaced :\"Exact\"");
        Assert.Equal(
            [CqlTokenKind.QuestionMark, CqlTokenKind.Colon, CqlTokenKind.Identifier, CqlTokenKind.Colon, CqlTokenKind.Identifier, CqlTokenKind.Colon, CqlTokenKind.QuotedIdentifier],
            tokens.Select(t => t.Kind));
        Assert.Equal("id", tokens[2].Value);
        Assert.Equal("Exact", tokens[6].Value);
    }

    [Fact]
    public void A_colon_not_followed_by_a_name_is_punctuation()
    {
        var tokens = Lex("{'a' : 1}");
        Assert.Contains(tokens, t => t.Kind == CqlTokenKind.Colon);
    }

    [Fact]
    public void Punctuation_and_operators()
    {
        var tokens = Lex("= != < <= > >= ( ) , . ; [ ] { } + - * / %");
        Assert.Equal(
            [
                CqlTokenKind.Equals, CqlTokenKind.NotEquals, CqlTokenKind.LessThan, CqlTokenKind.LessThanOrEqual,
                CqlTokenKind.GreaterThan, CqlTokenKind.GreaterThanOrEqual, CqlTokenKind.OpenParen, CqlTokenKind.CloseParen,
                CqlTokenKind.Comma, CqlTokenKind.Dot, CqlTokenKind.Semicolon, CqlTokenKind.OpenBracket,
                CqlTokenKind.CloseBracket, CqlTokenKind.OpenBrace, CqlTokenKind.CloseBrace, CqlTokenKind.Plus,
                CqlTokenKind.Minus, CqlTokenKind.Star, CqlTokenKind.Slash, CqlTokenKind.Percent,
            ],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Comments_are_skipped_and_offsets_stay_true()
    {
        const string text = "-- line\nSELECT /* block */ a // tail\n, b";
        var tokens = Lex(text);
        Assert.Equal(["SELECT", "a", ",", "b"], tokens.Select(t => t.Text));
        foreach (var token in tokens)
        {
            Assert.Equal(token.Text, text.Substring(token.Start, token.Length));
        }
    }

    [Fact]
    public void Offsets_locate_every_token_in_the_text()
    {
        const string text = "SELECT id, \"Name\" FROM ks.users WHERE id = ? AND v IN :vals LIMIT 10;";
        var tokens = Lex(text);
        foreach (var token in tokens)
        {
            Assert.Equal(token.Text, text.Substring(token.Start, token.Length));
        }

        var end = CqlLexer.Tokenize(text).Tokens[^1];
        Assert.Equal(text.Length, end.Start);
        Assert.Equal(0, end.Length);
    }

    [Theory]
    [InlineData("'open", "unterminated string", 0)]
    [InlineData("a \"open", "unterminated quoted identifier", 2)]
    [InlineData("a /* open", "unterminated comment", 2)]
    [InlineData("$$ open", "unterminated string", 0)]
    [InlineData("a # b", "unexpected character '#'", 2)]
    public void Lexer_errors_are_located(string text, string message, int offset)
    {
        var list = CqlLexer.Tokenize(text);
        var error = Assert.Single(list.Errors);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(offset, error.Offset);
        Assert.True(error.Length > 0);
    }

    [Fact]
    public void Token_lists_compare_by_value()
    {
        Assert.Equal(CqlLexer.Tokenize("SELECT a FROM t"), CqlLexer.Tokenize("SELECT a FROM t"));
        Assert.NotEqual(CqlLexer.Tokenize("SELECT a FROM t"), CqlLexer.Tokenize("SELECT b FROM t"));
    }
}
