using System.Collections.Immutable;
using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Schema;

/// <summary>
/// Reads a schema.cql file: CREATE KEYSPACE, CREATE TABLE (and COLUMNFAMILY), CREATE TYPE, ALTER TABLE ADD/DROP
/// and USE, with comments. Other statements (CREATE INDEX, CREATE FUNCTION, INSERT...) are skipped. A statement
/// with an error is reported and left out; the rest of the file is still read. Never throws.
/// </summary>
internal sealed partial class SchemaParser
{
    private readonly CqlTokenCursor _cursor;
    private readonly List<KeyspaceBuilder> _keyspaces = [];
    private readonly ImmutableArray<CqlSyntaxError>.Builder _errors = ImmutableArray.CreateBuilder<CqlSyntaxError>();
    private string _currentKeyspace = string.Empty;

    private SchemaParser(CqlTokenList tokens)
    {
        _cursor = new CqlTokenCursor(tokens.Tokens.AsImmutableArray());
        _errors.AddRange(tokens.Errors);
    }

    public static CqlSchema Parse(string text)
    {
        var tokens = CqlLexer.Tokenize(text);
        var parser = new SchemaParser(tokens);
        parser.Run();
        return new CqlSchema(
            parser._keyspaces.Select(k => k.Build()).ToEquatableArray(),
            parser._errors.ToImmutable());
    }

    private void Run()
    {
        while (!_cursor.AtEnd)
        {
            if (_cursor.TryConsume(CqlTokenKind.Semicolon))
            {
                continue;
            }

            var start = _cursor.Position;
            try
            {
                ParseStatement();
            }
            catch (SchemaFailure failure)
            {
                _errors.Add(failure.Error);
                if (_cursor.Position == start)
                {
                    _cursor.Advance();
                }

                SkipStatement();
            }
        }
    }

    private void ParseStatement()
    {
        if (_cursor.TryWord("USE"))
        {
            _currentKeyspace = ExpectName("a keyspace name after USE").Value;
            KeyspaceNamed(_currentKeyspace);
            ExpectEndOfStatement("USE");
            return;
        }

        if (_cursor.IsWord("CREATE"))
        {
            var what = _cursor.Peek(1);
            if (what.IsWord("KEYSPACE") || what.IsWord("SCHEMA"))
            {
                _cursor.Position += 2;
                SkipIfNotExists();
                KeyspaceNamed(ExpectName("a keyspace name").Value);
                SkipStatement();
                return;
            }

            if (what.IsWord("TABLE") || what.IsWord("COLUMNFAMILY"))
            {
                _cursor.Position += 2;
                ParseCreateTable();
                return;
            }

            if (what.IsWord("TYPE"))
            {
                _cursor.Position += 2;
                ParseCreateType();
                return;
            }
        }

        if (_cursor.IsWord("ALTER") && (_cursor.Peek(1).IsWord("TABLE") || _cursor.Peek(1).IsWord("COLUMNFAMILY")))
        {
            _cursor.Position += 2;
            ParseAlterTable();
            return;
        }

        SkipStatement();
    }

    private bool SkipIfNotExists() => _cursor.TryWords("IF", "NOT", "EXISTS");

    // Skips to just past the next ';' outside brackets (or to the end).
    private void SkipStatement()
    {
        var depth = 0;
        while (!_cursor.AtEnd)
        {
            var token = _cursor.Advance();
            switch (token.Kind)
            {
                case CqlTokenKind.OpenParen or CqlTokenKind.OpenBracket or CqlTokenKind.OpenBrace:
                    depth++;
                    break;
                case CqlTokenKind.CloseParen or CqlTokenKind.CloseBracket or CqlTokenKind.CloseBrace:
                    depth = Math.Max(0, depth - 1);
                    break;
                case CqlTokenKind.Semicolon when depth == 0:
                    return;
            }
        }
    }

    private void ExpectEndOfStatement(string statement)
    {
        if (!_cursor.TryConsume(CqlTokenKind.Semicolon) && !_cursor.AtEnd)
        {
            throw Failure($"expected ';' after the {statement} statement, found {_cursor.Current.Describe()}", _cursor.Current);
        }
    }

    private KeyspaceBuilder KeyspaceNamed(string name)
    {
        var keyspace = _keyspaces.FirstOrDefault(k => k.Name == name);
        if (keyspace is null)
        {
            keyspace = new KeyspaceBuilder(name);
            _keyspaces.Add(keyspace);
        }

        return keyspace;
    }

    // [ks.]name: the keyspace named, or the current one (USE), or "" when there is none.
    private (string Keyspace, CqlToken Name) ParseQualifiedName(string what)
    {
        var first = ExpectName($"a {what} name");
        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            var name = ExpectName($"a {what} name after the keyspace and '.'");
            return (first.Value, name);
        }

        return (_currentKeyspace, first);
    }

    private CqlToken ExpectName(string expected)
    {
        var token = _cursor.Current;
        if (token.IsName)
        {
            return _cursor.Advance();
        }

        var hint = token.Kind == CqlTokenKind.Keyword ? $" (a reserved word: write \"{token.Value.ToLowerInvariant()}\" to use it as a name)" : string.Empty;
        throw Failure($"expected {expected}, found {token.Describe()}{hint}", token);
    }

    private void Expect(CqlTokenKind kind, string what, string context)
    {
        if (!_cursor.TryConsume(kind))
        {
            throw Failure($"expected {what} {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }
    }

    private CqlTypeRef ExpectType()
    {
        var type = CqlTypeParser.TryParse(_cursor, out var error);
        return type ?? throw new SchemaFailure(error!);
    }

    private static SchemaFailure Failure(string message, CqlToken at) =>
        new(new CqlSyntaxError(message, at.Start, at.Length));

    /// <summary>Abandons one statement at its first error; caught in <see cref="Run"/>.</summary>
    private sealed class SchemaFailure(CqlSyntaxError error) : Exception(error.Message)
    {
        public CqlSyntaxError Error { get; } = error;
    }

    /// <summary>Collects a keyspace's tables and types while the file is read.</summary>
    private sealed class KeyspaceBuilder(string name)
    {
        public string Name { get; } = name;

        public List<TableSchema> Tables { get; } = [];

        public List<UserTypeSchema> Types { get; } = [];

        public KeyspaceSchema Build() => new(Name, Tables.ToEquatableArray(), Types.ToEquatableArray());
    }
}
