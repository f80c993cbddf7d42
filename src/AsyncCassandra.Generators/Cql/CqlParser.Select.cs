using System.Globalization;

namespace AsyncCassandra.Generators.Cql;

// SELECT [JSON] [DISTINCT] selectors FROM [ks.]table [WHERE ...] [GROUP BY ...] [ORDER BY ...]
//        [PER PARTITION LIMIT n] [LIMIT n] [ALLOW FILTERING]
internal sealed partial class CqlParser
{
    // The optional clauses after FROM, in the only order Cassandra accepts them.
    private static readonly string[] SelectClauses =
        ["WHERE", "GROUP BY", "ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING"];

    private void ParseSelect()
    {
        _cursor.Advance();
        if (IsSelectModifier("JSON"))
        {
            _cursor.Advance();
            _statement = _statement with { IsJson = true };
        }

        if (IsSelectModifier("DISTINCT"))
        {
            _cursor.Advance();
            _statement = _statement with { IsDistinct = true };
        }

        ParseSelectors();
        if (!_cursor.TryWord("FROM"))
        {
            var found = _cursor.Current;
            var expected = found.IsName || IsMarker(found) || IsLiteral(found) ? "',' or FROM" : "FROM";
            throw Failure($"expected {expected} after the selected columns, found {found.Describe()}", found);
        }

        ParseTableName("a table name after FROM");
        var after = "the table name";
        var next = 0;
        if (_cursor.TryWord("WHERE"))
        {
            ParseRelations(_where, CqlClause.Where);
            (after, next) = ("the WHERE clause", 1);
        }

        if (_cursor.TryWord("GROUP"))
        {
            ExpectWord("BY", "after GROUP");
            _groupBy.AddRange(ParseNameList("after GROUP BY"));
            (after, next) = ("the GROUP BY clause", 2);
        }

        if (_cursor.TryWord("ORDER"))
        {
            ExpectWord("BY", "after ORDER");
            ParseOrderings();
            (after, next) = ("the ORDER BY clause", 3);
        }

        if (_cursor.TryWord("PER"))
        {
            ExpectWord("PARTITION", "after PER");
            ExpectWord("LIMIT", "after PER PARTITION");
            ParseLimitValue(CqlMarkerRole.PerPartitionLimit, "[per_partition_limit]", "PER PARTITION LIMIT");
            _statement = _statement with { HasPerPartitionLimit = true };
            (after, next) = ("PER PARTITION LIMIT", 4);
        }

        if (_cursor.TryWord("LIMIT"))
        {
            var limit = ParseLimitValue(CqlMarkerRole.Limit, "[limit]", "LIMIT");
            _statement = _statement with { HasLimit = true, Limit = limit };
            (after, next) = ("LIMIT", 5);
        }

        if (_cursor.TryWord("ALLOW"))
        {
            ExpectWord("FILTERING", "after ALLOW");
            _statement = _statement with { AllowFiltering = true };
            (after, next) = ("ALLOW FILTERING", 6);
        }

        var couldFollow = SelectClauses.Skip(next).ToList();
        if (next == 1)
        {
            couldFollow.Insert(0, "AND");
        }

        ExpectEnd(after, [.. couldFollow]);
    }

    // JSON and DISTINCT are not reserved: "SELECT json FROM t" selects a column named json.
    private bool IsSelectModifier(string word)
    {
        if (!_cursor.IsWord(word))
        {
            return false;
        }

        var next = _cursor.Peek(1);
        return !(next.IsWord("FROM") || next.IsWord("AS") || next.Kind is CqlTokenKind.Comma or CqlTokenKind.OpenParen
            or CqlTokenKind.Dot or CqlTokenKind.EndOfText);
    }

    private void ParseOrderings()
    {
        do
        {
            var column = ExpectName("a clustering column after ORDER BY").Value;
            var descending = _cursor.TryWord("DESC");
            if (!descending)
            {
                _cursor.TryWord("ASC");
            }

            _orderBy.Add(new CqlOrdering(column, descending));
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));
    }

    // A positive integer or a marker; returns the number when written as one.
    private int? ParseLimitValue(CqlMarkerRole role, string name, string clause)
    {
        var token = _cursor.Current;
        if (IsMarker(token))
        {
            AddMarker(_cursor.Advance(), new Receiver(role, name, null, CqlClause.Limit));
            return null;
        }

        if (token.Kind == CqlTokenKind.Integer
            && int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            _cursor.Advance();
            return value;
        }

        throw Failure($"expected a positive number, ? or :name after {clause}, found {token.Describe()}", token);
    }

    private void ParseSelectors()
    {
        var token = _cursor.Current;
        if (token.Kind == CqlTokenKind.Star)
        {
            _cursor.Advance();
            _selectors.Add(new CqlSelector(CqlSelectorKind.Star, "*", null, token.Start, token.Length));
            return;
        }

        do
        {
            RejectTrailingComma("selected item");
            _selectors.Add(ParseSelector());
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));
    }

    // "a, b, FROM": point at the comma's consequence with a clearer message than "expected a column".
    private void RejectTrailingComma(string item)
    {
        if (_cursor.Previous.Kind == CqlTokenKind.Comma && _cursor.IsWord("FROM"))
        {
            throw Failure($"expected another {item} after ',', found FROM (remove the trailing ',')", _cursor.Current);
        }
    }

    private CqlSelector ParseSelector()
    {
        var start = _cursor.Current.Start;
        var selector = ParseUnaliasedSelector(null);
        if (_cursor.TryWord("AS"))
        {
            var alias = ExpectName("an alias after AS").Value;
            selector = selector with { Alias = alias, ResultName = alias };
        }

        return selector with { Offset = start, Length = _cursor.Previous.End - start };
    }

    // A column, field, function call, cast, type-hinted selector or value. Inside a function call,
    // `argument` says which argument a marker would be.
    private CqlSelector ParseUnaliasedSelector(Receiver? argument)
    {
        var token = _cursor.Current;
        if (token.Kind == CqlTokenKind.Star)
        {
            throw Failure("'*' selects every column and cannot be combined with other selected items", token);
        }

        if ((token.IsName || token.IsWord("TOKEN")) && IsFunctionCallAhead())
        {
            return ParseFunctionSelector();
        }

        if (token.IsName)
        {
            _cursor.Advance();
            var result = token.Value;
            var isField = false;
            while (_cursor.Is(CqlTokenKind.Dot) && _cursor.Peek(1).IsName)
            {
                _cursor.Advance();
                result += "." + _cursor.Advance().Value;
                isField = true;
            }

            return new CqlSelector(isField ? CqlSelectorKind.Field : CqlSelectorKind.Column, result, token.Value, token.Start, 0);
        }

        if (token.Kind == CqlTokenKind.OpenParen)
        {
            var open = _cursor.Position;
            _cursor.Advance();
            if (CqlTypeParser.TryParse(_cursor, out _) is not null && _cursor.TryConsume(CqlTokenKind.CloseParen))
            {
                return ParseUnaliasedSelector(argument);
            }

            _cursor.Position = open;
        }

        if (StartsTerm(token) && !token.IsWord("TOKEN"))
        {
            var receiver = argument ?? new Receiver(CqlMarkerRole.Unknown, $"[{_markers.Count}]", null, CqlClause.Selection);
            ParseTerm(receiver, "in the selection");
            return new CqlSelector(CqlSelectorKind.Term, TextOf(token.Start, _cursor.Previous.End), null, token.Start, 0);
        }

        if (token.IsWord("FROM") && argument is null)
        {
            throw Failure("expected the columns to select (a column name, * or a function call) before FROM", token);
        }

        if (token.Kind == CqlTokenKind.Keyword)
        {
            ExpectName("a column name, * or a function call after SELECT");
        }

        throw Failure($"expected a column name, * or a function call in the selection, found {token.Describe()}", token);
    }

    private CqlSelector ParseFunctionSelector()
    {
        var start = _cursor.Current.Start;
        var function = ReadFunctionName();

        _cursor.Advance();
        switch (function)
        {
            case "count" when _cursor.Is(CqlTokenKind.Star) || (_cursor.Current.Text == "1" && _cursor.Peek(1).Kind == CqlTokenKind.CloseParen):
                _cursor.Advance();
                Expect(CqlTokenKind.CloseParen, "')'", "after count(*");
                return new CqlSelector(CqlSelectorKind.Function, "count", null, start, 0) { Function = function };
            case "writetime" or "ttl":
                var column = ExpectName($"a column name inside {function}(...)").Value;
                Expect(CqlTokenKind.CloseParen, "')'", $"after {function}({column}");
                return new CqlSelector(CqlSelectorKind.Function, $"{function}({column})", column, start, 0) { Function = function };
            case "cast":
                return ParseCast(start);
        }

        var arguments = new List<string>();
        if (!_cursor.Is(CqlTokenKind.CloseParen))
        {
            do
            {
                var receiver = new Receiver(CqlMarkerRole.FunctionArgument, $"arg{arguments.Count}({function})", null, CqlClause.Selection);
                arguments.Add(ParseUnaliasedSelector(receiver).ResultName);
            }
            while (_cursor.TryConsume(CqlTokenKind.Comma));
        }

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the arguments of {function}");
        var result = $"{function}({CqlIdentifier.Join(arguments)})";
        return new CqlSelector(CqlSelectorKind.Function, result, null, start, 0) { Function = function };
    }

    // cast(selector AS type), after "cast(".
    private CqlSelector ParseCast(int start)
    {
        var inner = ParseUnaliasedSelector(new Receiver(CqlMarkerRole.FunctionArgument, "arg0(cast)", null, CqlClause.Selection));
        ExpectWord("AS", "and a type inside cast(...)");
        var type = CqlTypeParser.TryParse(_cursor, out var error);
        if (type is null)
        {
            throw new ParseFailure(error!);
        }

        Expect(CqlTokenKind.CloseParen, "')'", "after the type of cast(...)");
        return new CqlSelector(CqlSelectorKind.Cast, $"cast({inner.ResultName} as {type})", inner.Column, start, 0)
        {
            Function = "cast",
            CastType = type,
        };
    }
}
