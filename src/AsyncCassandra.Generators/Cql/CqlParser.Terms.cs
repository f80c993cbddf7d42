using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

// Values (terms), bind markers and relations, shared by every statement.
internal sealed partial class CqlParser
{
    /// <summary>What a value at the current position is for; a marker found there takes these properties.</summary>
    private readonly record struct Receiver(CqlMarkerRole Role, string Name, string? Column, CqlClause Clause, bool InList = false)
    {
        public static Receiver ForColumn(string column, CqlClause clause) => new(CqlMarkerRole.Value, column, column, clause);

        public Receiver Element() => Column is null
            ? this
            : new(CqlMarkerRole.CollectionElement, $"value({Column})", Column, Clause);

        public Receiver Key() => Column is null
            ? this
            : new(CqlMarkerRole.CollectionKey, $"key({Column})", Column, Clause);
    }

    private void AddMarker(CqlToken token, Receiver receiver)
    {
        var named = token.Kind == CqlTokenKind.NamedMarker;
        _markers.Add(new CqlBindMarker(
            _markers.Count,
            named,
            named ? token.Value : receiver.Name,
            receiver.Column,
            receiver.Role,
            receiver.Clause,
            token.Start,
            token.Length)
        { IsInList = receiver.InList });
    }

    private static bool IsMarker(CqlToken token) =>
        token.Kind is CqlTokenKind.QuestionMark or CqlTokenKind.NamedMarker;

    private static bool IsLiteral(CqlToken token) =>
        token.Kind is CqlTokenKind.String or CqlTokenKind.Integer or CqlTokenKind.Float or CqlTokenKind.Hex
            or CqlTokenKind.Duration or CqlTokenKind.Uuid or CqlTokenKind.Boolean
        || token.IsWord("NULL");

    /// <summary>A token that can begin a value (used to tell a type hint <c>(int) ?</c> from a tuple).</summary>
    private static bool StartsTerm(CqlToken token) =>
        IsMarker(token) || IsLiteral(token) || token.IsName || token.IsWord("TOKEN")
        || token.Kind is CqlTokenKind.Minus or CqlTokenKind.OpenBracket or CqlTokenKind.OpenBrace or CqlTokenKind.OpenParen;

    /// <summary>
    /// Reads one value: a marker, literal, collection/tuple/UDT literal, function call or type-hinted value.
    /// Markers met on the way are recorded for <paramref name="receiver"/>.
    /// </summary>
    private void ParseTerm(Receiver receiver, string context)
    {
        var token = _cursor.Current;
        if (IsMarker(token))
        {
            AddMarker(_cursor.Advance(), receiver);
            return;
        }

        if (IsLiteral(token))
        {
            _cursor.Advance();
            return;
        }

        switch (token.Kind)
        {
            case CqlTokenKind.Minus:
                _cursor.Advance();
                if (!_cursor.TryConsume(CqlTokenKind.Integer) && !_cursor.TryConsume(CqlTokenKind.Float)
                    && !_cursor.TryConsume(CqlTokenKind.Duration))
                {
                    throw Failure($"expected a number after '-', found {_cursor.Current.Describe()}", _cursor.Current);
                }

                return;
            case CqlTokenKind.OpenBracket:
                ParseList(receiver);
                return;
            case CqlTokenKind.OpenBrace:
                ParseBraces(receiver);
                return;
            case CqlTokenKind.OpenParen:
                ParseParenthesized(receiver);
                return;
        }

        if ((token.IsName || token.IsWord("TOKEN")) && IsFunctionCallAhead())
        {
            ParseFunctionCall(receiver.Clause);
            return;
        }

        throw Failure($"expected a value (?, :name, a literal or a function call) {context}, found {token.Describe()}", token);
    }

    private bool IsFunctionCallAhead() =>
        _cursor.Peek(1).Kind == CqlTokenKind.OpenParen
        || (_cursor.Peek(1).Kind == CqlTokenKind.Dot && _cursor.Peek(2).IsName && _cursor.Peek(3).Kind == CqlTokenKind.OpenParen);

    /// <summary>[keyspace.]function(args); markers in the arguments are named argN(function).</summary>
    private void ParseFunctionCall(CqlClause clause) => ParseFunctionArguments(ReadFunctionName(), clause);

    // [keyspace.]name, normalized like identifiers (the reserved word TOKEN reads as "token").
    private string ReadFunctionName()
    {
        var first = _cursor.Advance();
        var name = first.Kind == CqlTokenKind.Keyword ? first.Value.ToLowerInvariant() : first.Value;
        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            name += "." + _cursor.Advance().Value;
        }

        return name;
    }

    private void ParseFunctionArguments(string function, CqlClause clause)
    {
        Expect(CqlTokenKind.OpenParen, "'('", $"after {function}");
        if (_cursor.TryConsume(CqlTokenKind.CloseParen))
        {
            return;
        }

        var index = 0;
        do
        {
            ParseTerm(new Receiver(CqlMarkerRole.FunctionArgument, $"arg{index}({function})", null, clause), $"as argument {index + 1} of {function}");
            index++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the arguments of {function}");
    }

    private void ParseList(Receiver receiver)
    {
        _cursor.Advance();
        if (_cursor.TryConsume(CqlTokenKind.CloseBracket))
        {
            return;
        }

        do
        {
            ParseTerm(receiver.Element(), "in the list");
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseBracket, "',' or ']'", "in the list");
    }

    // {} is an empty set or map; {a, b} a set; {k: v} a map; {field: v} a user-defined type value.
    private void ParseBraces(Receiver receiver)
    {
        _cursor.Advance();
        if (_cursor.TryConsume(CqlTokenKind.CloseBrace))
        {
            return;
        }

        if (_cursor.Current.IsName && _cursor.Peek(1).Kind == CqlTokenKind.Colon)
        {
            ParseUserTypeLiteral(receiver);
            return;
        }

        var isMap = false;
        var first = true;
        do
        {
            if (first)
            {
                var markersBefore = _markers.Count;
                ParseTerm(receiver.Key(), "in the set or map");
                isMap = _cursor.Is(CqlTokenKind.Colon) || _cursor.Is(CqlTokenKind.NamedMarker);
                if (!isMap)
                {
                    // A set: its first element was read as if it were a map key.
                    RetagAsElements(markersBefore, receiver);
                }
            }
            else
            {
                ParseTerm(isMap ? receiver.Key() : receiver.Element(), isMap ? "as a map key" : "in the set");
            }

            if (isMap)
            {
                ParseMapValue(receiver);
            }

            first = false;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseBrace, "',' or '}'", isMap ? "in the map" : "in the set");
    }

    private void RetagAsElements(int from, Receiver receiver)
    {
        var element = receiver.Element();
        for (var i = from; i < _markers.Count; i++)
        {
            if (_markers[i] is { Role: CqlMarkerRole.CollectionKey } marker && marker.Column == receiver.Column)
            {
                _markers[i] = marker with { Role = element.Role, Name = marker.IsNamed ? marker.Name : element.Name };
            }
        }
    }

    private void ParseMapValue(Receiver receiver)
    {
        if (_cursor.Current.Kind == CqlTokenKind.NamedMarker && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen
            && _cursor.Current.Text.Length > 1 && _cursor.Current.Text[1] != '"')
        {
            // {'k':now()} lexes as the marker ":now"; it is the separator and a function name.
            ParseFunctionArguments(_cursor.Advance().Value, receiver.Clause);
            return;
        }

        Expect(CqlTokenKind.Colon, "':'", "between a map key and its value");
        ParseTerm(receiver.Element(), "as a map value");
    }

    private void ParseUserTypeLiteral(Receiver receiver)
    {
        do
        {
            var field = ExpectName("a field name");
            Expect(CqlTokenKind.Colon, "':'", $"after the field name {field.Value}");
            var fieldReceiver = receiver.Column is null
                ? receiver
                : new Receiver(CqlMarkerRole.Field, $"{receiver.Column}.{field.Value}", receiver.Column, receiver.Clause);
            ParseTerm(fieldReceiver, $"for the field {field.Value}");
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseBrace, "',' or '}'", "in the user-defined type value");
    }

    // (type) value, or a tuple literal (a, b).
    private void ParseParenthesized(Receiver receiver)
    {
        var open = _cursor.Position;
        _cursor.Advance();
        if (CqlTypeParser.TryParse(_cursor, out _) is not null && _cursor.Is(CqlTokenKind.CloseParen) && StartsTerm(_cursor.Peek(1)))
        {
            _cursor.Advance();
            ParseTerm(receiver, "after the type hint");
            return;
        }

        _cursor.Position = open + 1;
        var index = 0;
        do
        {
            var element = receiver.Column is null
                ? receiver
                : new Receiver(CqlMarkerRole.TupleElement, $"{receiver.Column}[{index}]", receiver.Column, receiver.Clause);
            ParseTerm(element, "in the tuple");
            index++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the tuple");
    }

    /// <summary>relation (AND relation)*, for WHERE (or IF conditions).</summary>
    private void ParseRelations(System.Collections.Immutable.ImmutableArray<CqlRelation>.Builder target, CqlClause clause)
    {
        do
        {
            target.Add(ParseRelation(clause));
        }
        while (_cursor.TryWord("AND"));
    }

    private CqlRelation ParseRelation(CqlClause clause)
    {
        var token = _cursor.Current;
        var conditional = clause == CqlClause.If;
        if (token.Kind == CqlTokenKind.OpenParen && !conditional)
        {
            return ParseTupleRelation(clause);
        }

        if (token.IsWord("TOKEN") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen && !conditional)
        {
            return ParseTokenRelation(clause);
        }

        var column = ExpectName(conditional ? "a column name in the IF condition" : "a column name, token(...) or (columns) in the WHERE clause").Value;
        var columns = EquatableArray.Create(column);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, clause), $"inside {column}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column}");
            var elementOperator = ExpectOperator(column, allowIn: true);
            ParseRelationValue(elementOperator, new Receiver(CqlMarkerRole.ElementValue, $"value({column})", column, clause), column);
            return new CqlRelation(CqlRelationTarget.Element, columns, elementOperator);
        }

        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            var field = ExpectName($"a field name after {column}.").Value;
            var fieldOperator = ExpectOperator($"{column}.{field}", allowIn: true);
            ParseRelationValue(fieldOperator, new Receiver(CqlMarkerRole.Field, $"{column}.{field}", column, clause), $"{column}.{field}");
            return new CqlRelation(CqlRelationTarget.Field, columns, fieldOperator);
        }

        if (!conditional && _cursor.TryWords("IS", "NOT", "NULL"))
        {
            return new CqlRelation(CqlRelationTarget.Column, columns, CqlOperator.IsNotNull);
        }

        CqlOperator op;
        if (!conditional && _cursor.TryWord("CONTAINS"))
        {
            var key = _cursor.TryWord("KEY");
            op = key ? CqlOperator.ContainsKey : CqlOperator.Contains;
            var receiver = key
                ? new Receiver(CqlMarkerRole.CollectionKey, $"key({column})", column, clause)
                : new Receiver(CqlMarkerRole.CollectionElement, $"value({column})", column, clause);
            ParseTerm(receiver, $"after CONTAINS{(key ? " KEY" : string.Empty)}");
            return new CqlRelation(CqlRelationTarget.Column, columns, op);
        }

        if (!conditional && _cursor.TryWord("LIKE"))
        {
            ParseTerm(Receiver.ForColumn(column, clause), "after LIKE");
            return new CqlRelation(CqlRelationTarget.Column, columns, CqlOperator.Like);
        }

        op = ExpectOperator(column, allowIn: true);
        ParseRelationValue(op, Receiver.ForColumn(column, clause), column);
        return new CqlRelation(CqlRelationTarget.Column, columns, op);
    }

    // After the operator: IN (values) / IN ? or one value.
    private void ParseRelationValue(CqlOperator op, Receiver receiver, string subject)
    {
        if (op != CqlOperator.In)
        {
            ParseTerm(receiver, $"after {subject} {OperatorText(op)}");
            return;
        }

        if (IsMarker(_cursor.Current))
        {
            AddMarker(_cursor.Advance(), receiver with { Role = CqlMarkerRole.InList, InList = true });
            return;
        }

        Expect(CqlTokenKind.OpenParen, "'(' or a bind marker", $"after {subject} IN");
        if (_cursor.TryConsume(CqlTokenKind.CloseParen))
        {
            return;
        }

        do
        {
            ParseTerm(receiver, $"in the IN list of {subject}");
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the IN list of {subject}");
    }

    private CqlOperator ExpectOperator(string subject, bool allowIn)
    {
        var token = _cursor.Current;
        CqlOperator? op = token.Kind switch
        {
            CqlTokenKind.Equals => CqlOperator.Equal,
            CqlTokenKind.NotEquals => CqlOperator.NotEqual,
            CqlTokenKind.LessThan => CqlOperator.LessThan,
            CqlTokenKind.LessThanOrEqual => CqlOperator.LessThanOrEqual,
            CqlTokenKind.GreaterThan => CqlOperator.GreaterThan,
            CqlTokenKind.GreaterThanOrEqual => CqlOperator.GreaterThanOrEqual,
            _ => allowIn && token.IsWord("IN") ? CqlOperator.In : null,
        };
        if (op is null)
        {
            var choices = allowIn ? "=, <, >, <=, >=, != or IN" : "=, <, >, <= or >=";
            throw Failure($"expected an operator ({choices}) after {subject}, found {token.Describe()}", token);
        }

        _cursor.Advance();
        return op.Value;
    }

    private static string OperatorText(CqlOperator op) => op switch
    {
        CqlOperator.Equal => "=",
        CqlOperator.NotEqual => "!=",
        CqlOperator.LessThan => "<",
        CqlOperator.LessThanOrEqual => "<=",
        CqlOperator.GreaterThan => ">",
        CqlOperator.GreaterThanOrEqual => ">=",
        _ => op.ToString().ToUpperInvariant(),
    };

    private List<string> ParseNameList(string context)
    {
        var names = new List<string>();
        do
        {
            names.Add(ExpectName($"a column name {context}").Value);
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        return names;
    }

    // (a, b) op (?, ?) | (a, b) op ? | (a, b) IN ((?, ?), ...) | (a, b) IN ?
    private CqlRelation ParseTupleRelation(CqlClause clause)
    {
        _cursor.Advance();
        var columns = ParseNameList("in the column tuple");
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the column tuple");
        var subject = "(" + CqlIdentifier.Join(columns) + ")";
        var whole = new Receiver(CqlMarkerRole.ColumnTuple, subject, null, clause);
        var op = ExpectOperator(subject, allowIn: true);
        if (op == CqlOperator.In)
        {
            if (IsMarker(_cursor.Current))
            {
                AddMarker(_cursor.Advance(), whole with { InList = true });
            }
            else
            {
                Expect(CqlTokenKind.OpenParen, "'(' or a bind marker", $"after {subject} IN");
                do
                {
                    ParseTupleValue(columns, whole, subject);
                }
                while (_cursor.TryConsume(CqlTokenKind.Comma));

                Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the IN list of {subject}");
            }
        }
        else
        {
            ParseTupleValue(columns, whole, subject);
        }

        return new CqlRelation(CqlRelationTarget.ColumnTuple, columns.ToEquatableArray(), op);
    }

    // A marker for the whole tuple, or (v1, v2) with one value per column.
    private void ParseTupleValue(List<string> columns, Receiver whole, string subject)
    {
        if (!_cursor.Is(CqlTokenKind.OpenParen))
        {
            ParseTerm(whole, $"for {subject}");
            return;
        }

        var open = _cursor.Advance();
        var count = 0;
        do
        {
            var receiver = count < columns.Count ? Receiver.ForColumn(columns[count], whole.Clause) : whole;
            ParseTerm(receiver, $"in the values for {subject}");
            count++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the values for {subject}");
        if (count != columns.Count)
        {
            throw new ParseFailure(new CqlSyntaxError(
                $"{subject} has {columns.Count} columns but {count} values are given",
                open.Start,
                _cursor.Previous.End - open.Start));
        }
    }

    // token(a, b) op value; token(?, ?) on the right binds the partition key columns.
    private CqlRelation ParseTokenRelation(CqlClause clause)
    {
        _cursor.Advance();
        _cursor.Advance();
        var columns = ParseNameList("inside token(...)");
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "inside token(...)");
        var op = ExpectOperator("token(...)", allowIn: false);
        if (_cursor.IsWord("TOKEN") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen)
        {
            _cursor.Advance();
            _cursor.Advance();
            var index = 0;
            do
            {
                var receiver = index < columns.Count
                    ? Receiver.ForColumn(columns[index], clause)
                    : new Receiver(CqlMarkerRole.FunctionArgument, $"arg{index}(token)", null, clause);
                ParseTerm(receiver, "inside token(...)");
                index++;
            }
            while (_cursor.TryConsume(CqlTokenKind.Comma));

            Expect(CqlTokenKind.CloseParen, "',' or ')'", "inside token(...)");
        }
        else
        {
            ParseTerm(new Receiver(CqlMarkerRole.Token, "partition key token", null, clause), "after token(...) " + OperatorText(op));
        }

        return new CqlRelation(CqlRelationTarget.Token, columns.ToEquatableArray(), op);
    }
}
