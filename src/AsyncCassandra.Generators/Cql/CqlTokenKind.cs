namespace AsyncCassandra.Generators.Cql;

/// <summary>The kinds of token in CQL text.</summary>
internal enum CqlTokenKind
{
    /// <summary>The end of the text; always the last token.</summary>
    EndOfText,

    /// <summary>A character or run the lexer could not read; an error names it.</summary>
    Invalid,

    /// <summary>An unquoted identifier or non-reserved keyword (<c>users</c>, <c>ttl</c>, <c>key</c>); case-insensitive.</summary>
    Identifier,

    /// <summary>A double-quoted identifier (<c>"MixedCase"</c>, <c>""</c> escapes a quote); case-sensitive.</summary>
    QuotedIdentifier,

    /// <summary>A reserved keyword (<c>SELECT</c>, <c>FROM</c>, <c>WHERE</c>...) that cannot name a column unquoted.</summary>
    Keyword,

    /// <summary>A string literal: <c>'it''s'</c> or <c>$$raw$$</c>.</summary>
    String,

    /// <summary>An integer literal (the sign is a separate <see cref="Minus"/> token).</summary>
    Integer,

    /// <summary>A floating-point literal, including <c>NaN</c> and <c>Infinity</c>.</summary>
    Float,

    /// <summary>A blob literal: <c>0xCAFE</c>.</summary>
    Hex,

    /// <summary>A duration literal such as <c>1h30m</c>, <c>PT89H8M53S</c> or <c>P0000-00-00T89:09:09</c>.</summary>
    Duration,

    /// <summary>A uuid literal.</summary>
    Uuid,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A positional bind marker: <c>?</c>.</summary>
    QuestionMark,


    /// <summary><c>=</c></summary>
    Equals,

    /// <summary><c>!=</c></summary>
    NotEquals,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>(</c></summary>
    OpenParen,

    /// <summary><c>)</c></summary>
    CloseParen,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>.</c></summary>
    Dot,

    /// <summary><c>;</c></summary>
    Semicolon,

    /// <summary><c>:</c>: map and user-defined type literals, and named markers (<c>:name</c>, <c>: name</c>, <c>:"Name"</c>), which the parser reads as ':' and a name.</summary>
    Colon,

    /// <summary><c>..</c>: a slice of a collection (<c>s[1..5]</c>).</summary>
    Range,

    /// <summary><c>[</c></summary>
    OpenBracket,

    /// <summary><c>]</c></summary>
    CloseBracket,

    /// <summary><c>{</c></summary>
    OpenBrace,

    /// <summary><c>}</c></summary>
    CloseBrace,

    /// <summary><c>+</c></summary>
    Plus,

    /// <summary><c>-</c></summary>
    Minus,

    /// <summary><c>*</c></summary>
    Star,

    /// <summary><c>/</c></summary>
    Slash,

    /// <summary><c>%</c></summary>
    Percent,
}
