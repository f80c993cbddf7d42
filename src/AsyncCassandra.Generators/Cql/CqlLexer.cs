using System.Collections.Immutable;
using System.Text;

namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// Splits CQL text into tokens, each located by offset and length. Never throws: a character it cannot
/// read becomes an <see cref="CqlTokenKind.Invalid"/> token and an error.
/// </summary>
internal sealed class CqlLexer
{
    private readonly string _text;
    private readonly ImmutableArray<CqlToken>.Builder _tokens = ImmutableArray.CreateBuilder<CqlToken>();
    private readonly ImmutableArray<CqlSyntaxError>.Builder _errors = ImmutableArray.CreateBuilder<CqlSyntaxError>();
    private int _position;

    private CqlLexer(string text) => _text = text;

    public static CqlTokenList Tokenize(string text)
    {
        var lexer = new CqlLexer(text);
        lexer.Run();
        return new CqlTokenList(lexer._tokens.ToImmutable(), lexer._errors.ToImmutable());
    }

    private char Current => Peek(0);

    private char Peek(int ahead) =>
        _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private bool AtEnd(int ahead = 0) => _position + ahead >= _text.Length;

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (AtEnd())
            {
                _tokens.Add(new CqlToken(CqlTokenKind.EndOfText, _text.Length, 0, string.Empty, string.Empty));
                return;
            }

            ReadToken();
        }
    }

    private void SkipTrivia()
    {
        while (!AtEnd())
        {
            var c = Current;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')
            {
                _position++;
            }
            else if ((c == '-' && Peek(1) == '-') || (c == '/' && Peek(1) == '/'))
            {
                // The server's lexer ends a line comment at a line break and has no rule for one that ends the text.
                var start = _position;
                while (!AtEnd() && Current != '\n' && Current != '\r')
                {
                    _position++;
                }

                if (AtEnd())
                {
                    _errors.Add(new CqlSyntaxError(
                        $"the comment '{_text.Substring(start, Math.Min(2, _text.Length - start))}...' ends the text without a line break, which Cassandra rejects; end it with \\n or write /* ... */",
                        start,
                        _position - start));
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _position;
                var close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    _errors.Add(new CqlSyntaxError("unterminated comment: add */", start, _text.Length - start));
                    _position = _text.Length;
                }
                else
                {
                    _position = close + 2;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void ReadToken()
    {
        var start = _position;
        var c = Current;

        if (TryReadUuid(start))
        {
            return;
        }

        if (c == 'P' && TryReadIsoDuration(start))
        {
            return;
        }

        if (CqlIdentifier.IsIdentifierStart(c))
        {
            ReadWord(start);
        }
        else if (CqlIdentifier.IsAsciiDigit(c))
        {
            ReadNumber(start);
        }
        else if (c == '"')
        {
            var name = ReadQuoted('"', "unterminated quoted identifier: add the closing \"");
            Add(CqlTokenKind.QuotedIdentifier, start, name ?? string.Empty, valid: name is not null);
        }
        else if (c == '\'')
        {
            var value = ReadQuoted('\'', "unterminated string: add the closing '");
            Add(CqlTokenKind.String, start, value ?? string.Empty, valid: value is not null);
        }
        else if (c == '$' && Peek(1) == '$')
        {
            ReadDollarString(start);
        }
        else if (c == '_')
        {
            while (CqlIdentifier.IsIdentifierPart(Current))
            {
                _position++;
            }

            _errors.Add(new CqlSyntaxError($"'{_text.Substring(start, _position - start)}' is not a name: an unquoted name starts with a letter; quote it (\"{_text.Substring(start, _position - start)}\")", start, _position - start));
            Add(CqlTokenKind.Invalid, start, string.Empty, valid: false);
        }
        else
        {
            ReadPunctuation(start, c);
        }
    }

    private void Add(CqlTokenKind kind, int start, string value, bool valid = true)
    {
        var text = _text.Substring(start, _position - start);
        _tokens.Add(new CqlToken(valid ? kind : CqlTokenKind.Invalid, start, _position - start, text, value));
    }

    private void ReadWord(int start)
    {
        while (CqlIdentifier.IsIdentifierPart(Current))
        {
            _position++;
        }

        var text = _text.Substring(start, _position - start);
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            Add(CqlTokenKind.Boolean, start, text.ToLowerInvariant());
        }
        else if (string.Equals(text, "NaN", StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, "Infinity", StringComparison.OrdinalIgnoreCase))
        {
            Add(CqlTokenKind.Float, start, text);
        }
        else if (CqlKeywords.IsReserved(text))
        {
            Add(CqlTokenKind.Keyword, start, text.ToUpperInvariant());
        }
        else
        {
            Add(CqlTokenKind.Identifier, start, text.ToLowerInvariant());
        }
    }

    private bool TryReadUuid(int start)
    {
        // 8-4-4-4-12 hex digits, not glued to further identifier characters.
        int[] groups = [8, 4, 4, 4, 12];
        var offset = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0)
            {
                if (Peek(offset) != '-')
                {
                    return false;
                }

                offset++;
            }

            for (var i = 0; i < groups[g]; i++, offset++)
            {
                if (!CqlIdentifier.IsHexDigit(Peek(offset)))
                {
                    return false;
                }
            }
        }

        if (CqlIdentifier.IsIdentifierPart(Peek(offset)))
        {
            return false;
        }

        _position = start + offset;
        Add(CqlTokenKind.Uuid, start, _text.Substring(start, offset));
        return true;
    }

    private void ReadNumber(int start)
    {
        if (Current == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _position += 2;
            while (CqlIdentifier.IsHexDigit(Current))
            {
                _position++;
            }

            Add(CqlTokenKind.Hex, start, _text.Substring(start, _position - start));
            return;
        }

        var kind = CqlTokenKind.Integer;
        SkipDigits();

        // INTEGER ('.' DIGIT*)? EXPONENT?, except that "1..5" is an integer and a range (and "1...5" the float
        // "1." and a range).
        if (Current == '.' && (Peek(1) != '.' || Peek(2) == '.'))
        {
            kind = CqlTokenKind.Float;
            _position++;
            SkipDigits();
        }

        if (IsExponentAt(0))
        {
            kind = CqlTokenKind.Float;
            _position += 2;
            SkipDigits();
        }

        if (kind == CqlTokenKind.Integer && TryReadDurationUnits())
        {
            kind = CqlTokenKind.Duration;
        }

        Add(kind, start, _text.Substring(start, _position - start));
    }

    // e5, E-3, e+10 at the given distance ahead.
    private bool IsExponentAt(int ahead) =>
        (Peek(ahead) == 'e' || Peek(ahead) == 'E')
        && (CqlIdentifier.IsAsciiDigit(Peek(ahead + 1))
            || ((Peek(ahead + 1) == '+' || Peek(ahead + 1) == '-') && CqlIdentifier.IsAsciiDigit(Peek(ahead + 2))));

    private void SkipDigits()
    {
        while (CqlIdentifier.IsAsciiDigit(Current))
        {
            _position++;
        }
    }

    // After the first digits: (unit digits)* unit, e.g. "h30m" of "1h30m"; unread when it does not fit.
    private bool TryReadDurationUnits()
    {
        var end = _position;
        while (CqlIdentifier.IsIdentifierPart(Peek(end - _position)) || Peek(end - _position) == Micro)
        {
            end++;
        }

        if (end == _position)
        {
            return false;
        }

        var run = _text.Substring(_position, end - _position).ToLowerInvariant();
        var i = 0;
        while (i < run.Length)
        {
            var unit = MatchDurationUnit(run, i);
            if (unit == 0)
            {
                return false;
            }

            i += unit;
            if (i == run.Length)
            {
                break;
            }

            if (!CqlIdentifier.IsAsciiDigit(run[i]))
            {
                return false;
            }

            while (i < run.Length && CqlIdentifier.IsAsciiDigit(run[i]))
            {
                i++;
            }

            if (i == run.Length)
            {
                return false;
            }
        }

        _position = end;
        return true;
    }

    private static int MatchDurationUnit(string run, int at)
    {
        foreach (var unit in DurationUnits)
        {
            if (string.CompareOrdinal(run, at, unit, 0, unit.Length) == 0)
            {
                return unit.Length;
            }
        }

        return 0;
    }

    // Longest first, so that "ms" wins over "m" and "mo" over "m".
    private static readonly string[] DurationUnits = ["ms", "mo", "us", "\u00b5s", "ns", "y", "w", "d", "h", "m", "s"];

    private const char Micro = '\u00b5';

    // ISO 8601 durations (P1Y2M3DT4H5M6S, PT89H8M53S, P2W, P0000-00-00T89:09:09), upper case as the server's lexer
    // wants them. Like the server's lexer, the longer of the duration and the name starting here wins, a tie going to
    // the duration.
    private static readonly System.Text.RegularExpressions.Regex IsoDuration = new(
        @"\GP(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}|\d+W|(?:\d+Y(?:\d+M)?(?:\d+D)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private bool TryReadIsoDuration(int start)
    {
        var match = IsoDuration.Match(_text, start);
        if (!match.Success)
        {
            return false;
        }

        var name = start;
        while (name < _text.Length && CqlIdentifier.IsIdentifierPart(_text[name]))
        {
            name++;
        }

        if (match.Length < name - start)
        {
            return false;
        }

        _position = start + match.Length;
        Add(CqlTokenKind.Duration, start, match.Value);
        return true;
    }

    // Reads 'text' or "name" with doubled-quote escapes; null when the closing quote is missing.
    private string? ReadQuoted(char quote, string unterminatedMessage)
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (!AtEnd())
        {
            var c = Current;
            if (c == quote)
            {
                if (Peek(1) == quote)
                {
                    value.Append(quote);
                    _position += 2;
                    continue;
                }

                _position++;
                return value.ToString();
            }

            value.Append(c);
            _position++;
        }

        _errors.Add(new CqlSyntaxError(unterminatedMessage, start, _text.Length - start));
        return null;
    }

    private void ReadDollarString(int start)
    {
        var close = _text.IndexOf("$$", start + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            _position = _text.Length;
            _errors.Add(new CqlSyntaxError("unterminated string: add the closing $$", start, _position - start));
            Add(CqlTokenKind.String, start, string.Empty, valid: false);
            return;
        }

        _position = close + 2;
        Add(CqlTokenKind.String, start, _text.Substring(start + 2, close - start - 2));
    }

    private void ReadPunctuation(int start, char c)
    {
        var next = Peek(1);
        CqlTokenKind kind;
        var length = 1;
        switch (c)
        {
            case '=': kind = CqlTokenKind.Equals; break;
            case '!' when next == '=': kind = CqlTokenKind.NotEquals; length = 2; break;
            case '<' when next == '=': kind = CqlTokenKind.LessThanOrEqual; length = 2; break;
            case '<': kind = CqlTokenKind.LessThan; break;
            case '>' when next == '=': kind = CqlTokenKind.GreaterThanOrEqual; length = 2; break;
            case '>': kind = CqlTokenKind.GreaterThan; break;
            case '(': kind = CqlTokenKind.OpenParen; break;
            case ')': kind = CqlTokenKind.CloseParen; break;
            case ',': kind = CqlTokenKind.Comma; break;
            case '.' when next == '.': kind = CqlTokenKind.Range; length = 2; break;
            case '.': kind = CqlTokenKind.Dot; break;
            case ';': kind = CqlTokenKind.Semicolon; break;
            case ':': kind = CqlTokenKind.Colon; break;
            case '[': kind = CqlTokenKind.OpenBracket; break;
            case ']': kind = CqlTokenKind.CloseBracket; break;
            case '{': kind = CqlTokenKind.OpenBrace; break;
            case '}': kind = CqlTokenKind.CloseBrace; break;
            case '+': kind = CqlTokenKind.Plus; break;
            case '-': kind = CqlTokenKind.Minus; break;
            case '*': kind = CqlTokenKind.Star; break;
            case '/': kind = CqlTokenKind.Slash; break;
            case '%': kind = CqlTokenKind.Percent; break;
            case '?': kind = CqlTokenKind.QuestionMark; break;
            default:
                kind = CqlTokenKind.Invalid;
                _errors.Add(new CqlSyntaxError($"unexpected character '{c}'", start, 1));
                break;
        }

        _position += length;
        var text = _text.Substring(start, length);
        _tokens.Add(new CqlToken(kind, start, length, text, text));
    }
}
