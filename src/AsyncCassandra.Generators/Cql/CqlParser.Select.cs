namespace AsyncCassandra.Generators.Cql;

// SELECT [JSON] [DISTINCT] selectors FROM [ks.]table [WHERE ...] [GROUP BY ...] [ORDER BY ...]
//        [PER PARTITION LIMIT n] [LIMIT n] [ALLOW FILTERING]
internal sealed partial class CqlParser
{
    // The optional clauses after FROM, in the only order Cassandra accepts them.
    private static readonly string[] SelectClauses =
        ["WHERE", "GROUP BY", "ORDER BY", "PER PARTITION LIMIT", "LIMIT", "ALLOW FILTERING"];

    private (string After, int Next) _selectEnd;

    private void ParseSelect()
    {
        _cursor.Advance();
        if (IsSelectModifier("JSON"))
        {
            var json = _cursor.Advance();
            Since("SELECT JSON", 2, 2, json.Start);
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
            var expected = found.IsName || IsMarker(found, _cursor.Peek(1)) || IsLiteral(found) ? "',' or FROM" : "FROM";
            throw Failure($"expected {expected} after the selected columns, found {found.Describe()}", found);
        }

        ParseTableName("a table name after FROM");
        var after = "the table name";
        var next = 0;
        if (_cursor.TryWord("WHERE"))
        {
            ParseWhere(_where);
            (after, next) = ("the WHERE clause", 1);
        }

        if (_cursor.IsWord("GROUP") && _cursor.Peek(1).IsWord("BY"))
        {
            var group = _cursor.Advance();
            _cursor.Advance();
            Since("GROUP BY", 3, 10, group.Start);
            ParseGroupBy();
            (after, next) = ("the GROUP BY clause", 2);
        }

        if (_cursor.TryWord("ORDER"))
        {
            ExpectWord("BY", "after ORDER");
            ParseOrderings();
            (after, next) = ("the ORDER BY clause", 3);
        }

        if (_cursor.IsWord("PER") && _cursor.Peek(1).IsWord("PARTITION"))
        {
            var per = _cursor.Advance();
            _cursor.Advance();
            ExpectWord("LIMIT", "after PER PARTITION");
            Since("PER PARTITION LIMIT", 3, 6, per.Start);
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

        _selectEnd = (after, next);
    }

    private void ExpectEndOfSelect()
    {
        var (after, next) = _selectEnd;
        var couldFollow = SelectClauses.Skip(next).ToList();
        if (next == 1)
        {
            couldFollow.Insert(0, "AND");
        }

        ExpectEnd(after, [.. couldFollow]);
    }

    // JSON and DISTINCT are not reserved: as the server's grammar does, read them as the modifier when selectors
    // could follow them ("SELECT json FROM t" selects a column named json, "SELECT json - json FROM t" is JSON),
    // except "json AS alias".
    private bool IsSelectModifier(string word)
    {
        if (!_cursor.IsWord(word))
        {
            return false;
        }

        var next = _cursor.Peek(1);
        if (next.IsWord("AS") && _cursor.Peek(2).IsName)
        {
            return false;
        }

        return next.IsName || next.IsWord("TOKEN") || IsLiteral(next) || IsMarker(next, _cursor.Peek(2))
            || next.Kind is CqlTokenKind.Star or CqlTokenKind.Minus or CqlTokenKind.OpenParen or CqlTokenKind.OpenBracket or CqlTokenKind.OpenBrace;
    }

    // GROUP BY selector (, selector)*: columns, or (5.0) a monotonic function of the last one such as floor(t, 1h).
    private void ParseGroupBy()
    {
        do
        {
            var start = _cursor.Current.Start;
            var selector = ParseUnaliasedSelector(null);
            if (selector.Kind == CqlSelectorKind.Column && selector.Column is { } column)
            {
                _groupBy.Add(column);
            }
            else
            {
                Since("a function in GROUP BY", 5, 0, start);
            }
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));
    }

    // ORDER BY column [ANN OF term] [ASC | DESC] (, ...)*
    private void ParseOrderings()
    {
        do
        {
            var column = ExpectName("a clustering column after ORDER BY").Value;
            var ann = false;
            if (_cursor.IsWord("ANN") && _cursor.Peek(1).IsWord("OF"))
            {
                var start = _cursor.Advance().Start;
                _cursor.Advance();
                Since("ANN OF (vector search)", 5, 0, start);
                ParseTerm(Receiver.ForColumn(column, CqlClause.OrderBy), $"after {column} ANN OF");
                ann = true;
            }

            var descending = _cursor.TryWord("DESC");
            if (!descending)
            {
                _cursor.TryWord("ASC");
            }

            _orderBy.Add(new CqlOrdering(column, descending) { IsAnn = ann });
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));
    }

    // intValue: an integer or a marker; returns the number when written as one (the server wants it positive).
    private int? ParseLimitValue(CqlMarkerRole role, string name, string clause)
    {
        var token = _cursor.Current;
        if (IsMarker(token, _cursor.Peek(1)))
        {
            ReadMarker(new Receiver(role, name, null, CqlClause.Limit));
            return null;
        }

        if (token.Kind == CqlTokenKind.Integer || (IsNegativeNumber(0) && _cursor.Peek(1).Kind == CqlTokenKind.Integer))
        {
            if (token.Kind == CqlTokenKind.Minus)
            {
                _cursor.Advance();
            }

            var number = _cursor.Advance();
            var text = TextOf(token.Start, number.End);
            if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Refuse($"{clause} must be a positive number (the server refuses {text}); remove the clause to read every row", token.Start, number.End);
                return null;
            }

            return value;
        }

        throw Failure($"expected a number, ? or :name after {clause}, found {token.Describe()}", token);
    }
}
