using System.Collections.Immutable;

namespace AsyncCassandra.Generators.Cql;

/// <summary>A position in a token list, shared by the statement, type and schema parsers.</summary>
internal sealed class CqlTokenCursor
{
    private readonly ImmutableArray<CqlToken> _tokens;

    public CqlTokenCursor(ImmutableArray<CqlToken> tokens)
    {
        // The lexer always ends with EndOfText; guard against hand-built lists that do not.
        _tokens = tokens.Length > 0 && tokens[tokens.Length - 1].Kind == CqlTokenKind.EndOfText
            ? tokens
            : tokens.Add(new CqlToken(CqlTokenKind.EndOfText, tokens.Length == 0 ? 0 : tokens[tokens.Length - 1].End, 0, string.Empty, string.Empty));
    }

    /// <summary>Index of the current token; settable to backtrack.</summary>
    public int Position { get; set; }

    public CqlToken Current => Peek(0);

    /// <summary>The token <paramref name="ahead"/> places on; EndOfText past the end.</summary>
    public CqlToken Peek(int ahead)
    {
        var index = Position + ahead;
        return index < _tokens.Length ? _tokens[index] : _tokens[_tokens.Length - 1];
    }

    /// <summary>The token just consumed (the first token before anything is consumed).</summary>
    public CqlToken Previous => _tokens[Position > 0 ? Position - 1 : 0];

    public bool AtEnd => Current.Kind == CqlTokenKind.EndOfText;

    public CqlToken Advance()
    {
        var token = Current;
        if (Position < _tokens.Length - 1)
        {
            Position++;
        }

        return token;
    }

    public bool Is(CqlTokenKind kind) => Current.Kind == kind;

    public bool IsWord(string word) => Current.IsWord(word);

    /// <summary>Consumes the current token when it is of <paramref name="kind"/>.</summary>
    public bool TryConsume(CqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    /// <summary>Consumes the current token when it is the word <paramref name="word"/>.</summary>
    public bool TryWord(string word)
    {
        if (!Current.IsWord(word))
        {
            return false;
        }

        Advance();
        return true;
    }

    /// <summary>Consumes the words in order when all of them come next (e.g. IF NOT EXISTS).</summary>
    public bool TryWords(params string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!Peek(i).IsWord(words[i]))
            {
                return false;
            }
        }

        Position += words.Length;
        return true;
    }
}
