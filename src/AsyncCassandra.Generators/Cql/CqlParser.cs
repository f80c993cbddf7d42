using System.Collections.Immutable;
using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// Reads the CQL of a repository method into a <see cref="CqlStatement"/>, following the DML rules of Cassandra
/// 5.0's Parser.g and Lexer.g: SELECT, INSERT, UPDATE, DELETE and BATCH in full (constructs a later release added
/// are read too, and recorded with their version); other statements (CREATE, TRUNCATE...) only for their bind
/// markers. Never throws: the first syntax error comes back in <see cref="CqlStatement.Errors"/>, located in the
/// text and saying what was expected; what the server refuses in a statement it can read is in
/// <see cref="CqlStatement.Refusals"/>.
/// </summary>
internal sealed partial class CqlParser
{
    private readonly string _text;
    private readonly CqlTokenList _tokens;
    private readonly CqlTokenCursor _cursor;
    private readonly Shared _shared;
    private readonly ImmutableArray<CqlSelector>.Builder _selectors = ImmutableArray.CreateBuilder<CqlSelector>();
    private readonly ImmutableArray<CqlAssignment>.Builder _assignments = ImmutableArray.CreateBuilder<CqlAssignment>();
    private readonly ImmutableArray<CqlRelation>.Builder _where = ImmutableArray.CreateBuilder<CqlRelation>();
    private readonly ImmutableArray<CqlRelation>.Builder _conditions = ImmutableArray.CreateBuilder<CqlRelation>();
    private readonly ImmutableArray<CqlOrdering>.Builder _orderBy = ImmutableArray.CreateBuilder<CqlOrdering>();
    private readonly ImmutableArray<string>.Builder _groupBy = ImmutableArray.CreateBuilder<string>();
    private readonly ImmutableArray<CqlStatement>.Builder _statements = ImmutableArray.CreateBuilder<CqlStatement>();
    private readonly List<string> _columns = [];
    private CqlStatement _statement = new(CqlStatementKind.Other);

    private CqlParser(string text, CqlTokenList tokens, CqlTokenCursor cursor, Shared shared)
    {
        _text = text;
        _tokens = tokens;
        _cursor = cursor;
        _shared = shared;
    }

    /// <summary>What a BATCH and the statements inside it add to together: markers in text order, refusals, constructs.</summary>
    private sealed class Shared
    {
        public ImmutableArray<CqlBindMarker>.Builder Markers { get; } = ImmutableArray.CreateBuilder<CqlBindMarker>();

        public List<CqlSyntaxError> Refusals { get; } = [];

        public List<CqlConstruct> Constructs { get; } = [];
    }

    /// <summary>Reads one statement (an optional trailing <c>;</c> allowed).</summary>
    public static CqlStatement Parse(string cql)
    {
        var tokens = CqlLexer.Tokenize(cql);
        var parser = new CqlParser(cql, tokens, new CqlTokenCursor(tokens.Tokens.AsImmutableArray()), new Shared());
        if (tokens.Errors.Count > 0)
        {
            // The tokens after a lexer error (an unclosed quote swallows the rest) mislead a parse; report the
            // lexer's errors and keep the markers that can be seen.
            parser._statement = new CqlStatement(KindOf(parser._cursor.Current));
            parser.ScanMarkers();
            return parser.Build(tokens.Errors);
        }

        CqlSyntaxError? error = null;
        try
        {
            parser.ParseStatement();
        }
        catch (ParseFailure failure)
        {
            error = failure.Error;
        }

        return parser.Build(error is null ? EquatableArray<CqlSyntaxError>.Empty : EquatableArray.Create(error));
    }

    private CqlStatement Build(EquatableArray<CqlSyntaxError> errors) => BuildOwn() with
    {
        Markers = _shared.Markers.ToImmutable(),
        Refusals = _shared.Refusals.ToEquatableArray(),
        Constructs = _shared.Constructs.OrderBy(c => c.Offset).ToEquatableArray(),
        Tokens = _tokens.Tokens,
        Errors = errors,
    };

    // This statement's own parts (a BATCH's inner statements have no markers of their own).
    private CqlStatement BuildOwn() => _statement with
    {
        Selectors = _selectors.ToImmutable(),
        Columns = _columns.Distinct(StringComparer.Ordinal).ToEquatableArray(),
        Assignments = _assignments.ToImmutable(),
        Where = _where.ToImmutable(),
        Conditions = _conditions.ToImmutable(),
        OrderBy = _orderBy.ToImmutable(),
        GroupBy = _groupBy.ToImmutable(),
        Statements = _statements.ToImmutable(),
    };

    private static CqlStatementKind KindOf(CqlToken first)
    {
        if (first.IsWord("SELECT"))
        {
            return CqlStatementKind.Select;
        }

        if (first.IsWord("INSERT"))
        {
            return CqlStatementKind.Insert;
        }

        if (first.IsWord("UPDATE"))
        {
            return CqlStatementKind.Update;
        }

        if (first.IsWord("DELETE"))
        {
            return CqlStatementKind.Delete;
        }

        if (first.IsWord("BEGIN"))
        {
            return CqlStatementKind.Batch;
        }

        return first.IsWord("USE") ? CqlStatementKind.Use : CqlStatementKind.Other;
    }

    // Statements Cassandra accepts that repositories only scan for markers.
    private static readonly string[] OtherStatementWords =
        ["CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "LIST"];

    private void ParseStatement()
    {
        var first = _cursor.Current;
        var kind = KindOf(first);
        _statement = new CqlStatement(kind);
        switch (kind)
        {
            case CqlStatementKind.Select:
                ParseSelect();
                ExpectEndOfSelect();
                return;
            case CqlStatementKind.Insert:
            case CqlStatementKind.Update:
            case CqlStatementKind.Delete:
                ParseModification();
                ExpectEndOfModification();
                return;
            case CqlStatementKind.Use:
                _cursor.Advance();
                var keyspace = ExpectName("a keyspace name after USE");
                _statement = _statement with { Keyspace = keyspace.Value };
                ExpectEnd("the keyspace name");
                return;
            case CqlStatementKind.Batch:
                ParseBatch();
                return;
        }

        if (!OtherStatementWords.Any(first.IsWord))
        {
            throw Failure(
                first.Kind == CqlTokenKind.EndOfText
                    ? "expected a CQL statement, found nothing"
                    : $"expected SELECT, INSERT, UPDATE, DELETE or another CQL statement, found {first.Describe()}",
                first);
        }

        if (first.IsWord("TRUNCATE"))
        {
            _cursor.Advance();
            _cursor.TryWord("TABLE");
            ParseTableName("a table name after TRUNCATE");
        }

        ScanMarkers();
    }

    // INSERT, UPDATE or DELETE at the cursor, alone or inside a BATCH; the markers it adds get its table.
    private void ParseModification()
    {
        var firstMarker = _shared.Markers.Count;
        switch (KindOf(_cursor.Current))
        {
            case CqlStatementKind.Insert:
                ParseInsert();
                break;
            case CqlStatementKind.Update:
                ParseUpdate();
                break;
            default:
                ParseDelete();
                break;
        }

        StampMarkers(firstMarker);
    }

    private void StampMarkers(int from)
    {
        for (var i = from; i < _shared.Markers.Count; i++)
        {
            _shared.Markers[i] = _shared.Markers[i] with { Keyspace = _statement.Keyspace, Table = _statement.Table };
        }
    }

    // Collects the markers of a statement that is not parsed in full; positional ones are named "[N]".
    private void ScanMarkers()
    {
        while (!_cursor.AtEnd)
        {
            if (IsMarker(_cursor.Current, _cursor.Peek(1)))
            {
                ReadMarker(new Receiver(CqlMarkerRole.Unknown, $"[{_shared.Markers.Count}]", null, CqlClause.Unknown));
                continue;
            }

            _cursor.Advance();
        }
    }

    /// <summary>[keyspace.]table; stores both on the statement.</summary>
    private void ParseTableName(string expected)
    {
        RejectMarkerAsName("table");
        var first = ExpectName(expected);
        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            RejectMarkerAsName("table");
            var table = ExpectName("a table name after the keyspace and '.'");
            _statement = _statement with { Keyspace = first.Value, Table = table.Value };
        }
        else
        {
            _statement = _statement with { Table = first.Value };
        }
    }

    private void RejectMarkerAsName(string what)
    {
        if (_cursor.Is(CqlTokenKind.QuestionMark) || (_cursor.Is(CqlTokenKind.Colon) && _cursor.Peek(1).IsName))
        {
            throw Failure($"a bind marker cannot name the {what}; write the {what} name in the CQL", _cursor.Current);
        }
    }

    /// <summary>Consumes an identifier (quoted or not, or a keyword Cassandra leaves unreserved), or fails saying what was expected.</summary>
    private CqlToken ExpectName(string expected)
    {
        var token = _cursor.Current;
        if (token.IsName)
        {
            NoteName(token);
            return _cursor.Advance();
        }

        if (token.Kind == CqlTokenKind.Keyword || (token.Kind == CqlTokenKind.Float && char.IsLetter(token.Text[0])))
        {
            var word = token.Text.ToUpperInvariant();
            throw Failure($"expected {expected}, found the reserved word {word} (write \"{token.Text.ToLowerInvariant()}\" to use it as a name)", token);
        }

        throw Failure($"expected {expected}, found {token.Describe()}", token);
    }

    private void ExpectWord(string word, string context)
    {
        if (!_cursor.TryWord(word))
        {
            throw Failure($"expected {word} {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }
    }

    private void Expect(CqlTokenKind kind, string what, string context)
    {
        if (!_cursor.TryConsume(kind))
        {
            throw Failure($"expected {what} {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }
    }

    /// <summary>
    /// Requires the end of the statement (an optional ';'); otherwise fails listing the clauses that could
    /// still come at this point.
    /// </summary>
    private void ExpectEnd(string after, params string[] couldFollow)
    {
        _cursor.TryConsume(CqlTokenKind.Semicolon);
        if (_cursor.AtEnd)
        {
            return;
        }

        var token = _cursor.Current;
        var expected = couldFollow.Length == 0
            ? "the end of the statement"
            : string.Join(", ", couldFollow) + " or the end of the statement";
        var hint = token.Kind == CqlTokenKind.Semicolon || _cursor.Previous.Kind == CqlTokenKind.Semicolon
            ? " (a repository method runs one statement; use a BATCH for several)"
            : string.Empty;
        throw Failure($"expected {expected} after {after}, found {token.Describe()}{hint}", token);
    }

    /// <summary>Records a construct Cassandra 2.1 did not have, from <paramref name="start"/> to the token just read.</summary>
    private void Since(string name, int major, int minor, int start) =>
        _shared.Constructs.Add(new CqlConstruct(name, new CqlVersion(major, minor), start, Math.Max(_cursor.Previous.End - start, 1)));

    /// <summary>Records what the server refuses although its grammar reads it.</summary>
    private void Refuse(string message, int start, int end)
    {
        var refusal = new CqlSyntaxError(message, start, Math.Max(end - start, 1));
        if (!_shared.Refusals.Contains(refusal))
        {
            _shared.Refusals.Add(refusal);
        }
    }

    private ParseFailure Failure(string message, CqlToken at) =>
        new(new CqlSyntaxError(message, at.Start, at.Length));

    private string TextOf(int start, int end) => _text.Substring(start, end - start);

    /// <summary>Unwinds the recursive descent at the first error; caught in <see cref="Parse"/>, never escapes it.</summary>
    private sealed class ParseFailure(CqlSyntaxError error) : Exception(error.Message)
    {
        public CqlSyntaxError Error { get; } = error;
    }
}
