using System.Collections.Immutable;
using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// Reads the CQL of a repository method into a <see cref="CqlStatement"/>: SELECT, INSERT, UPDATE and DELETE
/// in full; other statements (BATCH, CREATE, TRUNCATE...) only for their bind markers. Never throws: syntax
/// errors come back in <see cref="CqlStatement.Errors"/>, located in the text and saying what was expected.
/// </summary>
internal sealed partial class CqlParser
{
    private readonly string _text;
    private readonly CqlTokenList _tokens;
    private readonly CqlTokenCursor _cursor;
    private readonly ImmutableArray<CqlBindMarker>.Builder _markers = ImmutableArray.CreateBuilder<CqlBindMarker>();
    private readonly ImmutableArray<CqlSelector>.Builder _selectors = ImmutableArray.CreateBuilder<CqlSelector>();
    private readonly ImmutableArray<CqlAssignment>.Builder _assignments = ImmutableArray.CreateBuilder<CqlAssignment>();
    private readonly ImmutableArray<CqlRelation>.Builder _where = ImmutableArray.CreateBuilder<CqlRelation>();
    private readonly ImmutableArray<CqlRelation>.Builder _conditions = ImmutableArray.CreateBuilder<CqlRelation>();
    private readonly ImmutableArray<CqlOrdering>.Builder _orderBy = ImmutableArray.CreateBuilder<CqlOrdering>();
    private readonly ImmutableArray<string>.Builder _groupBy = ImmutableArray.CreateBuilder<string>();
    private readonly List<string> _columns = [];
    private CqlStatement _statement = new(CqlStatementKind.Other);

    private CqlParser(string text, CqlTokenList tokens)
    {
        _text = text;
        _tokens = tokens;
        _cursor = new CqlTokenCursor(tokens.Tokens.AsImmutableArray());
    }

    /// <summary>Reads one statement (an optional trailing <c>;</c> allowed).</summary>
    public static CqlStatement Parse(string cql)
    {
        var tokens = CqlLexer.Tokenize(cql);
        var parser = new CqlParser(cql, tokens);
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

    private CqlStatement Build(EquatableArray<CqlSyntaxError> errors) => _statement with
    {
        Selectors = _selectors.ToImmutable(),
        Columns = _columns.Distinct(StringComparer.Ordinal).ToEquatableArray(),
        Assignments = _assignments.ToImmutable(),
        Where = _where.ToImmutable(),
        Conditions = _conditions.ToImmutable(),
        OrderBy = _orderBy.ToImmutable(),
        GroupBy = _groupBy.ToImmutable(),
        Markers = _markers.ToImmutable(),
        Tokens = _tokens.Tokens,
        Errors = errors,
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
                return;
            case CqlStatementKind.Insert:
                ParseInsert();
                return;
            case CqlStatementKind.Update:
                ParseUpdate();
                return;
            case CqlStatementKind.Delete:
                ParseDelete();
                return;
            case CqlStatementKind.Use:
                _cursor.Advance();
                var keyspace = ExpectName("a keyspace name after USE");
                _statement = _statement with { Keyspace = keyspace.Value };
                ExpectEnd("the keyspace name");
                return;
            case CqlStatementKind.Batch:
                ScanMarkers();
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

    // Collects the markers of a statement that is not parsed in full; positional ones are named "[N]".
    private void ScanMarkers()
    {
        while (!_cursor.AtEnd)
        {
            var token = _cursor.Advance();
            if (token.Kind is CqlTokenKind.QuestionMark or CqlTokenKind.NamedMarker)
            {
                AddMarker(token, new Receiver(CqlMarkerRole.Unknown, $"[{_markers.Count}]", null, CqlClause.Unknown));
            }
        }
    }

    /// <summary>[keyspace.]table; stores both on the statement.</summary>
    private void ParseTableName(string expected)
    {
        var first = ExpectName(expected);
        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            var table = ExpectName("a table name after the keyspace and '.'");
            _statement = _statement with { Keyspace = first.Value, Table = table.Value };
        }
        else
        {
            _statement = _statement with { Table = first.Value };
        }
    }

    /// <summary>Consumes an identifier (quoted or not), or fails saying what was expected.</summary>
    private CqlToken ExpectName(string expected)
    {
        var token = _cursor.Current;
        if (token.IsName)
        {
            return _cursor.Advance();
        }

        if (token.Kind == CqlTokenKind.Keyword)
        {
            throw Failure($"expected {expected}, found the reserved word {token.Value} (write \"{token.Value.ToLowerInvariant()}\" to use it as a name)", token);
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

    private ParseFailure Failure(string message, CqlToken at) =>
        new(new CqlSyntaxError(message, at.Start, at.Length));

    private string TextOf(int start, int end) => _text.Substring(start, end - start);

    /// <summary>Unwinds the recursive descent at the first error; caught in <see cref="Parse"/>, never escapes it.</summary>
    private sealed class ParseFailure(CqlSyntaxError error) : Exception(error.Message)
    {
        public CqlSyntaxError Error { get; } = error;
    }
}
