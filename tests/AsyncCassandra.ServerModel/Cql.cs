using System.Globalization;
using System.Text;

namespace AsyncCassandra.ServerModel;

/// <summary>A value in a statement: a literal, or a bind marker (positional <c>?</c> or named <c>:name</c>).</summary>
public sealed record Term(string? Literal, int MarkerIndex = -1, string? MarkerName = null)
{
    public bool IsMarker => MarkerIndex >= 0;
}

/// <summary>The statements the model understands (a small subset of CQL: what tests and drivers send).</summary>
public abstract record CqlStatement
{
    /// <summary>How many bind markers the statement has.</summary>
    public int Markers { get; init; }
}

public sealed record UseStatement(string Keyspace) : CqlStatement;

public sealed record SelectStatement(string? Keyspace, string Table, IReadOnlyList<string>? Columns, bool Count, IReadOnlyList<(string Column, Term Value)> Where, Term? Limit) : CqlStatement;

public sealed record InsertStatement(string? Keyspace, string Table, IReadOnlyList<string> Columns, IReadOnlyList<Term> Values) : CqlStatement;

public sealed record AlterAddStatement(string? Keyspace, string Table, string Column, ColumnType Type) : CqlStatement;

/// <summary>
/// Parses the model's CQL subset: USE; SELECT (*, columns or count(*)) FROM [ks.]table [WHERE c = term [AND ...]]
/// [LIMIT n] [ALLOW FILTERING]; INSERT INTO [ks.]table (cols) VALUES (terms) [USING ...]; ALTER TABLE [ks.]table ADD
/// column type. Anything else is a syntax error (0x2000), as a real node answers what it cannot parse.
/// </summary>
public static class Cql
{
    public static CqlStatement Parse(string text)
    {
        var p = new Parser(Tokenize(text), text);
        CqlStatement statement = p.Statement();
        return statement with { Markers = p.MarkerCount };
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c == ';')
            {
                i++;
            }
            else if (c == '\'')
            {
                var sb = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ModelQueryException(0x2000, "line 1: unterminated string literal");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        sb.Append("''");
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }

                tokens.Add(sb.Append('\'').ToString());
            }
            else if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                tokens.Add("\"" + text[(i + 1)..end]);
                i = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])) || (text[i] == '.' && char.IsDigit(text[start]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    private sealed class Parser(List<string> tokens, string text)
    {
        private int _at;

        public int MarkerCount { get; private set; }

        private string? Peek => _at < tokens.Count ? tokens[_at] : null;

        private bool Is(string word) => Peek is { } t && string.Equals(t, word, StringComparison.OrdinalIgnoreCase);

        private bool Accept(string word)
        {
            if (Is(word))
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Expect(string word)
        {
            if (!Accept(word))
            {
                throw Error($"expecting '{word}'");
            }
        }

        private ModelQueryException Error(string what) =>
            new(0x2000, $"line 1:{_at} no viable alternative at input '{Peek ?? "<EOF>"}' ({what}) in \"{text}\"");

        private string Next() => Peek is { } t ? tokens[_at++] : throw Error("unexpected end");

        /// <summary>An identifier: unquoted ones are case-insensitive (lower-cased), "quoted" ones kept.</summary>
        private string Identifier()
        {
            string t = Next();
            if (t.StartsWith('"'))
            {
                return t[1..];
            }

            if (!char.IsLetter(t[0]) && t[0] != '_')
            {
                throw Error("expecting an identifier");
            }

            return t.ToLowerInvariant();
        }

        private (string? Keyspace, string Table) TableName()
        {
            string first = Identifier();
            if (Accept("."))
            {
                return (first, Identifier());
            }

            return (null, first);
        }

        private Term Term()
        {
            if (Accept("?"))
            {
                return new Term(null, MarkerCount++);
            }

            if (Accept(":"))
            {
                return new Term(null, MarkerCount++, Identifier());
            }

            string t = Next();
            return new Term(t);
        }

        private void End()
        {
            if (Peek is not null)
            {
                throw Error("unexpected input after the statement");
            }
        }

        public CqlStatement Statement()
        {
            if (Accept("USE"))
            {
                string keyspace = Identifier();
                End();
                return new UseStatement(keyspace);
            }

            if (Accept("SELECT"))
            {
                return Select();
            }

            if (Accept("INSERT"))
            {
                return Insert();
            }

            if (Accept("ALTER"))
            {
                Expect("TABLE");
                (string? ks, string table) = TableName();
                Expect("ADD");
                string column = Identifier();
                var type = new StringBuilder();
                while (Peek is not null)
                {
                    type.Append(Next());
                }

                return new AlterAddStatement(ks, table, column, ColumnType.Parse(type.ToString()));
            }

            throw Error("the model understands USE, SELECT, INSERT and ALTER TABLE ... ADD");
        }

        private SelectStatement Select()
        {
            List<string>? columns = null;
            bool count = false;
            if (Accept("*"))
            {
            }
            else if (Is("count") && _at + 1 < tokens.Count && tokens[_at + 1] == "(")
            {
                _at++;
                Expect("(");
                if (!Accept("*"))
                {
                    Expect("1");
                }

                Expect(")");
                count = true;
            }
            else
            {
                columns = [Identifier()];
                while (Accept(","))
                {
                    columns.Add(Identifier());
                }
            }

            Expect("FROM");
            (string? ks, string table) = TableName();
            var where = new List<(string, Term)>();
            if (Accept("WHERE"))
            {
                do
                {
                    string column = Identifier();
                    Expect("=");
                    where.Add((column, Term()));
                }
                while (Accept("AND"));
            }

            Term? limit = null;
            if (Accept("LIMIT"))
            {
                limit = Term();
            }

            if (Accept("ALLOW"))
            {
                Expect("FILTERING");
            }

            End();
            return new SelectStatement(ks, table, columns, count, where, limit);
        }

        private InsertStatement Insert()
        {
            Expect("INTO");
            (string? ks, string table) = TableName();
            Expect("(");
            var columns = new List<string> { Identifier() };
            while (Accept(","))
            {
                columns.Add(Identifier());
            }

            Expect(")");
            Expect("VALUES");
            Expect("(");
            var values = new List<Term> { Term() };
            while (Accept(","))
            {
                values.Add(Term());
            }

            Expect(")");
            if (columns.Count != values.Count)
            {
                throw new ModelQueryException(0x2200, $"Unmatched column names/values: {columns.Count} columns, {values.Count} values");
            }

            if (Accept("USING"))
            {
                do
                {
                    if (!Accept("TTL"))
                    {
                        Expect("TIMESTAMP");
                    }

                    Term();
                }
                while (Accept("AND"));
            }

            if (Accept("IF"))
            {
                Expect("NOT");
                Expect("EXISTS");
            }

            End();
            return new InsertStatement(ks, table, columns, values);
        }
    }

    internal static int ParseInt(string literal) => int.Parse(literal, CultureInfo.InvariantCulture);
}
