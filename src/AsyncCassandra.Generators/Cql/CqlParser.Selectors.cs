namespace AsyncCassandra.Generators.Cql;

// The selection of a SELECT (Parser.g selectors .. selectionFunction): columns, fields and elements, function calls,
// count(*), writetime/maxwritetime/ttl, cast, values, arithmetic, type hints, and tuple, list, set and map selectors.
internal sealed partial class CqlParser
{
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

        // Before 2.2, count(*) or count(1) was a whole selection of its own.
        if (_selectors.Count > 1 && _selectors.FirstOrDefault(s => s.Function == "count" && s.ResultName == "count") is { } count)
        {
            _shared.Constructs.Add(new CqlConstruct("count(*) beside other selected items", new CqlVersion(2, 2), count.Offset, count.Length));
        }
    }

    // The empty quoted name "" (a legacy super column's) reads from Cassandra 3.0 on.
    private void NoteName(CqlToken name)
    {
        if (name.Kind == CqlTokenKind.QuotedIdentifier && name.Value.Length == 0)
        {
            _shared.Constructs.Add(new CqlConstruct("the empty name \"\"", new CqlVersion(3, 0), name.Start, name.Length));
        }
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

    // selectionAddition. Inside a function call, `argument` says which argument a marker would be.
    private CqlSelector ParseUnaliasedSelector(Receiver? argument)
    {
        var start = _cursor.Current.Start;
        var markers = _shared.Markers.Count;
        var left = ParseSelectionProduct(argument);
        if (!IsSelectorOperator())
        {
            return left;
        }

        Since("arithmetic in the selection", 4, 0, start);
        RetagAsOperands(markers);
        while (IsSelectorOperator())
        {
            _cursor.Advance();
            ParseSelectionProduct(Operand);
        }

        return Expression(start);
    }

    private bool IsSelectorOperator() => (_cursor.Is(CqlTokenKind.Plus) || _cursor.Is(CqlTokenKind.Minus)) && !IsNegativeNumber(0);

    // selectionMultiplication
    private CqlSelector ParseSelectionProduct(Receiver? argument)
    {
        var start = _cursor.Current.Start;
        var markers = _shared.Markers.Count;
        var left = ParseSelectionGroup(argument);
        if (!_cursor.Is(CqlTokenKind.Star) && !_cursor.Is(CqlTokenKind.Slash) && !_cursor.Is(CqlTokenKind.Percent))
        {
            return left;
        }

        Since("arithmetic in the selection", 4, 0, start);
        RetagAsOperands(markers);
        while (_cursor.Is(CqlTokenKind.Star) || _cursor.Is(CqlTokenKind.Slash) || _cursor.Is(CqlTokenKind.Percent))
        {
            _cursor.Advance();
            ParseSelectionGroup(Operand);
        }

        return Expression(start);
    }

    // selectionGroup: '-' group | group followed by .field and [element] modifiers
    private CqlSelector ParseSelectionGroup(Receiver? argument)
    {
        var start = _cursor.Current.Start;
        if (!IsNegativeNumber(0) && _cursor.TryConsume(CqlTokenKind.Minus))
        {
            Since("a negation in the selection", 4, 0, start);
            ParseSelectionGroup(Operand);
            return Expression(start);
        }

        return ParseSelectorModifiers(ParseSelectionGroupWithoutField(argument), start);
    }

    private CqlSelector ParseSelectorModifiers(CqlSelector selector, int start)
    {
        while (true)
        {
            if (_cursor.Is(CqlTokenKind.Dot) && _cursor.Peek(1).IsName)
            {
                _cursor.Advance();
                var field = _cursor.Advance().Value;
                selector = selector.Kind is CqlSelectorKind.Column or CqlSelectorKind.Field
                    ? new CqlSelector(CqlSelectorKind.Field, selector.ResultName + "." + field, selector.Column, start, 0)
                    : Expression(start) with { Column = selector.Column };
                continue;
            }

            if (_cursor.Is(CqlTokenKind.OpenBracket))
            {
                var open = _cursor.Advance();
                Since("selecting an element or a slice of a collection", 4, 0, open.Start);
                ParseSubSelection(selector.Column);
                Expect(CqlTokenKind.CloseBracket, "']'", "after the element or slice");
                selector = new CqlSelector(CqlSelectorKind.Element, Normalized(start, _cursor.Previous.End), selector.Column, start, 0);
                continue;
            }

            return selector;
        }
    }

    // collectionSubSelection: term | term '..' term? | '..' term
    private void ParseSubSelection(string? column)
    {
        var key = column is null ? Operand : new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, CqlClause.Selection);
        if (_cursor.TryConsume(CqlTokenKind.Range))
        {
            ParseTerm(key, "after '..'");
            return;
        }

        ParseTerm(key, "inside [...]");
        if (_cursor.TryConsume(CqlTokenKind.Range) && !_cursor.Is(CqlTokenKind.CloseBracket))
        {
            ParseTerm(key, "after '..'");
        }
    }

    // selectionGroupWithoutField: a simple selector, a type hint, a tuple or parenthesized selector, a list, a set or map.
    private CqlSelector ParseSelectionGroupWithoutField(Receiver? argument)
    {
        var token = _cursor.Current;
        var start = token.Start;
        switch (token.Kind)
        {
            case CqlTokenKind.Star:
                throw Failure("'*' selects every column and cannot be combined with other selected items", token);
            case CqlTokenKind.OpenParen:
                var open = _cursor.Position;
                _cursor.Advance();
                if (CqlTypeParser.TryParse(_cursor, out _) is not null && _cursor.Is(CqlTokenKind.CloseParen) && StartsSelector(1))
                {
                    _cursor.Advance();
                    Since("a type hint in the selection", 4, 0, start);
                    ParseSelectionGroupWithoutField(argument);
                    return Expression(start);
                }

                _cursor.Position = open + 1;
                var inner = ParseUnaliasedSelector(argument);
                if (_cursor.TryConsume(CqlTokenKind.CloseParen))
                {
                    Since("a selector in parentheses", 4, 0, start);
                    return inner;
                }

                Since("a tuple in the selection", 4, 0, start);
                while (_cursor.TryConsume(CqlTokenKind.Comma))
                {
                    ParseUnaliasedSelector(Operand);
                }

                Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the tuple");
                return Expression(start);
            case CqlTokenKind.OpenBracket:
                _cursor.Advance();
                Since("a list in the selection", 4, 0, start);
                if (!_cursor.TryConsume(CqlTokenKind.CloseBracket))
                {
                    do
                    {
                        ParseUnaliasedSelector(Operand);
                    }
                    while (_cursor.TryConsume(CqlTokenKind.Comma));

                    Expect(CqlTokenKind.CloseBracket, "',' or ']'", "in the list");
                }

                return Expression(start);
            case CqlTokenKind.OpenBrace:
                _cursor.Advance();
                Since("a set or map in the selection", 4, 0, start);
                ParseSelectionMapOrSet();
                return Expression(start);
        }

        return ParseSimpleSelector(argument);
    }

    // '{' '}' | '{' s (':' s (',' s ':' s)* | (',' s)*) '}', after the '{'.
    private void ParseSelectionMapOrSet()
    {
        if (_cursor.TryConsume(CqlTokenKind.CloseBrace))
        {
            return;
        }

        ParseUnaliasedSelector(Operand);
        var isMap = _cursor.TryConsume(CqlTokenKind.Colon);
        if (isMap)
        {
            ParseUnaliasedSelector(Operand);
        }

        while (_cursor.TryConsume(CqlTokenKind.Comma))
        {
            ParseUnaliasedSelector(Operand);
            if (isMap)
            {
                Expect(CqlTokenKind.Colon, "':'", "between a map key and its value");
                ParseUnaliasedSelector(Operand);
            }
        }

        Expect(CqlTokenKind.CloseBrace, "',' or '}'", isMap ? "in the map" : "in the set");
    }

    // simpleUnaliasedSelector: a column, a literal or marker, or a function.
    private CqlSelector ParseSimpleSelector(Receiver? argument)
    {
        var token = _cursor.Current;
        if ((token.IsName || token.IsWord("TOKEN")) && IsFunctionCallAhead())
        {
            return ParseFunctionSelector();
        }

        if (token.IsName)
        {
            NoteName(_cursor.Advance());
            return new CqlSelector(CqlSelectorKind.Column, token.Value, token.Value, token.Start, 0);
        }

        if (IsMarker(token, _cursor.Peek(1)) || IsLiteral(token) || IsNegativeNumber(0))
        {
            Since("a value in the selection", 3, 10, token.Start);
            // selectionLiteral: one constant, null or marker; operators around it belong to the selection.
            var receiver = argument ?? new Receiver(CqlMarkerRole.Unknown, $"[{_shared.Markers.Count}]", null, CqlClause.Selection);
            if (IsNegativeNumber(0))
            {
                _cursor.Advance();
                _cursor.Advance();
            }
            else
            {
                ParseSimpleTerm(receiver, "in the selection");
            }

            return new CqlSelector(CqlSelectorKind.Term, TextOf(token.Start, _cursor.Previous.End), null, token.Start, 0);
        }

        if (token.IsWord("FROM") && argument is null)
        {
            throw Failure("expected the columns to select (a column name, * or a function call) before FROM", token);
        }

        if (token.Kind == CqlTokenKind.Keyword)
        {
            ExpectName("a column name, * or a function call");
        }

        throw Failure($"expected a column name, * or a function call in the selection, found {token.Describe()}", token);
    }

    private CqlSelector ParseFunctionSelector()
    {
        var start = _cursor.Current.Start;
        var word = _cursor.Current;
        if (word.IsWord("COUNT") && _cursor.Peek(2).Kind == CqlTokenKind.Star && _cursor.Peek(3).Kind == CqlTokenKind.CloseParen)
        {
            _cursor.Position += 4;
            return new CqlSelector(CqlSelectorKind.Function, "count", null, start, 0) { Function = "count" };
        }

        // Before 2.2 (aggregates), count took only * or 1.
        if (word.IsWord("COUNT") && !(_cursor.Peek(2).Text == "1" && _cursor.Peek(3).Kind == CqlTokenKind.CloseParen))
        {
            Since("count() of a column (an aggregate)", 2, 2, start);
        }

        if (word.IsWord("WRITETIME") || word.IsWord("MAXWRITETIME") || word.IsWord("TTL"))
        {
            return ParseWritetime(start);
        }

        if (word.IsWord("CAST"))
        {
            return ParseCast(start);
        }

        var function = ReadFunctionName();
        _cursor.Advance();
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
        // count(1) counts rows like count(*), and Cassandra names both columns "count".
        var result = function == "count" && arguments.Count == 1 && arguments[0] == "1" ? "count" : $"{function}({CqlIdentifier.Join(arguments)})";
        return new CqlSelector(CqlSelectorKind.Function, result, null, start, 0) { Function = function };
    }

    // writetime(column[modifiers]), maxwritetime(...) (5.0), ttl(...)
    private CqlSelector ParseWritetime(int start)
    {
        var function = _cursor.Advance().Text.ToLowerInvariant();
        if (function == "maxwritetime")
        {
            Since("maxwritetime()", 5, 0, start);
        }

        _cursor.Advance();
        var column = ExpectName($"a column name inside {function}(...)");
        var inner = ParseSelectorModifiers(new CqlSelector(CqlSelectorKind.Column, column.Value, column.Value, column.Start, 0), column.Start);
        if (inner.Kind != CqlSelectorKind.Column)
        {
            Since($"{function}() of a field or an element", 5, 0, column.Start);
        }

        Expect(CqlTokenKind.CloseParen, "')'", $"after {function}({inner.ResultName}");
        return new CqlSelector(CqlSelectorKind.Function, $"{function}({inner.ResultName})", column.Value, start, 0) { Function = function };
    }

    // cast(selector AS native_type), after "cast".
    private CqlSelector ParseCast(int start)
    {
        _cursor.Advance();
        _cursor.Advance();
        Since("cast()", 3, 2, start);
        var inner = ParseUnaliasedSelector(new Receiver(CqlMarkerRole.FunctionArgument, "arg0(cast)", null, CqlClause.Selection));
        ExpectWord("AS", "and a type inside cast(...)");
        var type = ParseNativeType("cast(...)");
        Expect(CqlTokenKind.CloseParen, "')'", "after the type of cast(...)");
        return new CqlSelector(CqlSelectorKind.Cast, $"cast({inner.ResultName} as {type})", inner.Column, start, 0)
        {
            Function = "cast",
            CastType = type,
        };
    }

    private CqlTypeRef ParseNativeType(string context)
    {
        var token = _cursor.Current;
        if (token.Kind is CqlTokenKind.Identifier or CqlTokenKind.Keyword && CqlTypeRef.IsNativeName(token.Text))
        {
            _cursor.Advance();
            return CqlTypeRef.Native(token.Text);
        }

        throw Failure($"expected a native type (int, text, double...) in {context}, found {token.Describe()}", token);
    }

    // The token `ahead` can begin a selector (without a leading negation), to tell a type hint `(int) 5` from `(a) AS x`
    // (read as an alias, although AS is also a name).
    private bool StartsSelector(int ahead)
    {
        var token = _cursor.Peek(ahead);
        if (token.IsWord("AS") && _cursor.Peek(ahead + 1).IsName)
        {
            return false;
        }

        return token.IsName || IsLiteral(token) || IsMarker(token, _cursor.Peek(ahead + 1)) || IsNegativeNumber(ahead)
            || token.Kind is CqlTokenKind.OpenParen or CqlTokenKind.OpenBracket or CqlTokenKind.OpenBrace;
    }

    private CqlSelector Expression(int start) =>
        new(CqlSelectorKind.Expression, Normalized(start, _cursor.Previous.End), null, start, 0);

    // The text of an expression with its spaces collapsed, as the result column's name.
    private string Normalized(int start, int end) => string.Join(" ", TextOf(start, end).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
