namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// One token of CQL text. <see cref="Start"/> and <see cref="Length"/> locate it in the text so that a
/// diagnostic can point at the exact spot inside the C# string literal.
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of the first character in the CQL text.</param>
/// <param name="Length">Number of characters, quotes and prefixes included.</param>
/// <param name="Text">The characters exactly as written.</param>
/// <param name="Value">
/// The meaning: identifiers normalized by CQL rules (unquoted lowercased, quoted unescaped), string
/// contents unescaped, named markers' names normalized like identifiers, keywords uppercased,
/// anything else as written.
/// </param>
internal readonly record struct CqlToken(CqlTokenKind Kind, int Start, int Length, string Text, string Value)
{
    public int End => Start + Length;

    /// <summary>True for an unquoted word (reserved or not) spelled <paramref name="word"/>, ignoring case.</summary>
    public bool IsWord(string word) =>
        (Kind == CqlTokenKind.Identifier || Kind == CqlTokenKind.Keyword)
        && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a token that can name a column, table or keyspace.</summary>
    public bool IsName => Kind == CqlTokenKind.Identifier || Kind == CqlTokenKind.QuotedIdentifier;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        CqlTokenKind.EndOfText => "the end of the text",
        CqlTokenKind.Keyword => Value,
        CqlTokenKind.String => "a string",
        _ => "'" + Text + "'",
    };
}
