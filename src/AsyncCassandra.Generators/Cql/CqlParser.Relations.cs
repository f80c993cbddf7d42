using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

// WHERE relations and IF conditions (Parser.g whereClause .. relation, customIndexExpression, columnCondition).
internal sealed partial class CqlParser
{
    /// <summary>relationOrExpression (AND relationOrExpression)*</summary>
    private void ParseWhere(System.Collections.Immutable.ImmutableArray<CqlRelation>.Builder target)
    {
        do
        {
            target.Add(ParseRelation());
        }
        while (_cursor.TryWord("AND"));
    }

    private CqlRelation ParseRelation()
    {
        var token = _cursor.Current;
        if (token.IsWord("expr") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen && _cursor.Peek(1).Start == token.End)
        {
            return ParseIndexExpression();
        }

        if (token.Kind == CqlTokenKind.OpenParen)
        {
            return IsTupleOfNames() ? ParseTupleRelation() : ParseNestedRelation();
        }

        if (token.IsWord("TOKEN") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen)
        {
            return ParseTokenRelation();
        }

        var column = ExpectName("a column name, token(...), (columns) or expr(...) in the WHERE clause").Value;
        var columns = EquatableArray.Create(column);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, CqlClause.Where), $"inside {column}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column}");
            var elementOperator = ExpectComparison($"{column}[...]");
            ParseWhereValue(new Receiver(CqlMarkerRole.ElementValue, $"value({column})", column, CqlClause.Where), $"after {column}[...] {OperatorText(elementOperator)}");
            return new CqlRelation(CqlRelationTarget.Element, columns, elementOperator);
        }

        var start = _cursor.Current.Start;
        if (_cursor.TryWords("IS", "NOT", "NULL"))
        {
            Since("IS NOT NULL", 3, 0, start);
            Refuse($"'{column} IS NOT NULL' is allowed only in a materialized view's definition; Cassandra refuses it in a query", start, _cursor.Previous.End);
            return new CqlRelation(CqlRelationTarget.Column, columns, CqlOperator.IsNotNull);
        }

        var not = _cursor.IsWord("NOT") && (_cursor.Peek(1).IsWord("IN") || _cursor.Peek(1).IsWord("CONTAINS"));
        if (not)
        {
            _cursor.Advance();
        }

        if (_cursor.TryWord("CONTAINS"))
        {
            var key = _cursor.TryWord("KEY");
            if (not)
            {
                Since("NOT CONTAINS", 5, 1, start);
            }

            var receiver = key
                ? new Receiver(CqlMarkerRole.CollectionKey, $"key({column})", column, CqlClause.Where)
                : new Receiver(CqlMarkerRole.CollectionElement, $"value({column})", column, CqlClause.Where);
            ParseWhereValue(receiver, $"after CONTAINS{(key ? " KEY" : string.Empty)}");
            var op = key ? (not ? CqlOperator.NotContainsKey : CqlOperator.ContainsKey) : (not ? CqlOperator.NotContains : CqlOperator.Contains);
            return new CqlRelation(CqlRelationTarget.Column, columns, op);
        }

        if (_cursor.TryWord("IN"))
        {
            if (not)
            {
                Since("NOT IN", 5, 1, start);
            }

            ParseInValues(Receiver.ForColumn(column, CqlClause.Where), column);
            return new CqlRelation(CqlRelationTarget.Column, columns, not ? CqlOperator.NotIn : CqlOperator.In);
        }

        if (_cursor.TryWord("LIKE"))
        {
            Since("LIKE", 3, 4, start);
            ParseWhereValue(Receiver.ForColumn(column, CqlClause.Where), "after LIKE");
            return new CqlRelation(CqlRelationTarget.Column, columns, CqlOperator.Like);
        }

        if (_cursor.TryWord("BETWEEN"))
        {
            Since("BETWEEN", 5, 1, start);
            ParseWhereValue(Receiver.ForColumn(column, CqlClause.Where), "after BETWEEN");
            ExpectWord("AND", "between the two bounds of BETWEEN");
            ParseWhereValue(Receiver.ForColumn(column, CqlClause.Where), "after BETWEEN ... AND");
            return new CqlRelation(CqlRelationTarget.Column, columns, CqlOperator.Between);
        }

        var comparison = ExpectComparison(column, "IN, CONTAINS, LIKE, IS NOT NULL");
        ParseWhereValue(Receiver.ForColumn(column, CqlClause.Where), $"after {column} {OperatorText(comparison)}");
        return new CqlRelation(CqlRelationTarget.Column, columns, comparison);
    }

    // A value compared in WHERE: the server refuses a null there (it would match nothing).
    private void ParseWhereValue(Receiver receiver, string context)
    {
        var start = _cursor.Current.Start;
        if (ParseTerm(receiver, context) == TermShape.Null)
        {
            Refuse($"null in a WHERE restriction{(receiver.Column is null ? string.Empty : $" of {receiver.Column}")} is refused by Cassandra (it can match no row)", start, _cursor.Previous.End);
        }
    }

    // IN (values) | IN ?, after IN.
    private void ParseInValues(Receiver receiver, string subject, bool inWhere = true)
    {
        if (IsMarker(_cursor.Current, _cursor.Peek(1)))
        {
            ReadMarker(receiver with { Role = CqlMarkerRole.InList, InList = true });
            return;
        }

        Expect(CqlTokenKind.OpenParen, "'(' or a bind marker", $"after {subject} IN");
        if (_cursor.TryConsume(CqlTokenKind.CloseParen))
        {
            return;
        }

        do
        {
            if (inWhere)
            {
                ParseWhereValue(receiver, $"in the IN list of {subject}");
            }
            else
            {
                ParseTerm(receiver, $"in the IN list of {subject}");
            }
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the IN list of {subject}");
    }

    // '(' name (',' name)* ')' comes next.
    private bool IsTupleOfNames()
    {
        var i = 1;
        while (_cursor.Peek(i).IsName)
        {
            if (_cursor.Peek(i + 1).Kind == CqlTokenKind.CloseParen)
            {
                return true;
            }

            if (_cursor.Peek(i + 1).Kind != CqlTokenKind.Comma)
            {
                return false;
            }

            i += 2;
        }

        return false;
    }

    // '(' relation ')' (Cassandra 5.1)
    private CqlRelation ParseNestedRelation()
    {
        var open = _cursor.Advance();
        Since("a relation in parentheses", 5, 1, open.Start);
        var relation = ParseRelation();
        Expect(CqlTokenKind.CloseParen, "')'", "after the relation in parentheses");
        return relation;
    }

    // expr(index, term): a custom index expression, after the adjacent "expr(".
    private CqlRelation ParseIndexExpression()
    {
        var start = _cursor.Advance().Start;
        _cursor.Advance();
        Since("expr() (custom index expression)", 3, 5, start);
        var index = ExpectName("an index name inside expr(...)");
        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            ExpectName("an index name after the keyspace and '.'");
        }

        Expect(CqlTokenKind.Comma, "','", $"after the index name {index.Value} in expr(...)");
        ParseTerm(new Receiver(CqlMarkerRole.IndexExpression, $"expr({index.Value})", null, CqlClause.Where), "as the query of expr(...)");
        Expect(CqlTokenKind.CloseParen, "')'", "after the query of expr(...)");
        return new CqlRelation(CqlRelationTarget.CustomIndex, EquatableArray<string>.Empty, CqlOperator.IndexExpression);
    }

    private CqlOperator ExpectComparison(string subject, string? others = null)
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
            _ => null,
        };
        if (op is null)
        {
            var choices = others is null ? "=, <, >, <=, >= or !=" : "=, <, >, <=, >=, !=, " + others;
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

    // (a, b) op (?, ?) | (a, b) op ? | (a, b) [NOT] IN ((?, ?), ...) | (a, b) [NOT] IN ? | (a, b) BETWEEN x AND y
    private CqlRelation ParseTupleRelation()
    {
        _cursor.Advance();
        var columns = ParseNameList("in the column tuple");
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the column tuple");
        var subject = "(" + CqlIdentifier.Join(columns) + ")";
        var whole = new Receiver(CqlMarkerRole.ColumnTuple, subject, null, CqlClause.Where);
        var start = _cursor.Current.Start;
        var not = _cursor.IsWord("NOT") && _cursor.Peek(1).IsWord("IN");
        if (not)
        {
            _cursor.Advance();
            Since("NOT IN", 5, 1, start);
        }

        CqlOperator op;
        if (_cursor.TryWord("IN"))
        {
            op = not ? CqlOperator.NotIn : CqlOperator.In;
            if (IsMarker(_cursor.Current, _cursor.Peek(1)))
            {
                ReadMarker(whole with { InList = true });
            }
            else
            {
                Expect(CqlTokenKind.OpenParen, "'(' or a bind marker", $"after {subject} IN");
                if (!_cursor.TryConsume(CqlTokenKind.CloseParen))
                {
                    do
                    {
                        ParseTupleValue(columns, whole, subject);
                    }
                    while (_cursor.TryConsume(CqlTokenKind.Comma));

                    Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the IN list of {subject}");
                }
            }
        }
        else if (_cursor.TryWord("BETWEEN"))
        {
            Since("BETWEEN", 5, 1, start);
            op = CqlOperator.Between;
            ParseTupleValue(columns, whole, subject);
            ExpectWord("AND", "between the two bounds of BETWEEN");
            ParseTupleValue(columns, whole, subject);
        }
        else
        {
            op = ExpectComparison(subject, "IN");
            ParseTupleValue(columns, whole, subject);
        }

        return new CqlRelation(CqlRelationTarget.ColumnTuple, columns.ToEquatableArray(), op);
    }

    // multiColumnValue: a marker for the whole tuple, or (v1, v2) with one value per column.
    private void ParseTupleValue(List<string> columns, Receiver whole, string subject)
    {
        if (IsMarker(_cursor.Current, _cursor.Peek(1)))
        {
            ReadMarker(whole);
            return;
        }

        var open = _cursor.Current;
        Expect(CqlTokenKind.OpenParen, "'(' or a bind marker", $"for {subject}");
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
            Refuse($"{subject} has {columns.Count} columns but {count} values are given", open.Start, _cursor.Previous.End);
        }
    }

    // token(a, b) op term | token(a, b) BETWEEN term AND term (5.1)
    private CqlRelation ParseTokenRelation()
    {
        _cursor.Advance();
        _cursor.Advance();
        var columns = ParseNameList("inside token(...)");
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "inside token(...)");
        var receiver = new Receiver(CqlMarkerRole.Token, "partition key token", null, CqlClause.Where);
        if (_cursor.IsWord("BETWEEN"))
        {
            Since("BETWEEN", 5, 1, _cursor.Advance().Start);
            ParseTokenValue(columns, receiver);
            ExpectWord("AND", "between the two bounds of BETWEEN");
            ParseTokenValue(columns, receiver);
            return new CqlRelation(CqlRelationTarget.Token, columns.ToEquatableArray(), CqlOperator.Between);
        }

        var op = ExpectComparison("token(...)");
        ParseTokenValue(columns, receiver);
        return new CqlRelation(CqlRelationTarget.Token, columns.ToEquatableArray(), op);
    }

    // A token value: token(?, ?) binds the partition key columns; anything else is the token itself.
    private void ParseTokenValue(List<string> columns, Receiver token)
    {
        if (!(_cursor.IsWord("TOKEN") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen))
        {
            ParseTerm(token, "after token(...)");
            return;
        }

        _cursor.Advance();
        _cursor.Advance();
        var index = 0;
        do
        {
            var receiver = index < columns.Count
                ? Receiver.ForColumn(columns[index], CqlClause.Where)
                : new Receiver(CqlMarkerRole.FunctionArgument, $"arg{index}(token)", null, CqlClause.Where);
            ParseTerm(receiver, "inside token(...)");
            index++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "inside token(...)");
    }

    // IF EXISTS | IF condition (AND condition)*
    private void ParseIfClause()
    {
        if (!_cursor.TryWord("IF"))
        {
            return;
        }

        if (_cursor.TryWord("EXISTS"))
        {
            _statement = _statement with { Condition = CqlConditionKind.IfExists };
            return;
        }

        if (_cursor.IsWord("NOT") && _cursor.Peek(1).IsWord("EXISTS"))
        {
            throw Failure("IF NOT EXISTS applies only to INSERT; use IF EXISTS or IF conditions here", _cursor.Current);
        }

        if (!_cursor.Current.IsName)
        {
            throw Failure($"expected EXISTS or a condition (column = value) after IF, found {_cursor.Current.Describe()}", _cursor.Current);
        }

        _statement = _statement with { Condition = CqlConditionKind.IfConditions };
        do
        {
            _conditions.Add(ParseCondition());
        }
        while (_cursor.TryWord("AND"));
    }

    // columnCondition: c op term | c CONTAINS [KEY] term (5.0) | c IN values | c[e] op term | c[e] IN values | c.f op term | c.f IN values
    private CqlRelation ParseCondition()
    {
        var column = ExpectName("a column name in the IF condition").Value;
        var columns = EquatableArray.Create(column);
        var target = CqlRelationTarget.Column;
        var receiver = Receiver.ForColumn(column, CqlClause.If);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, CqlClause.If), $"inside {column}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column}");
            target = CqlRelationTarget.Element;
            receiver = new Receiver(CqlMarkerRole.ElementValue, $"value({column})", column, CqlClause.If);
        }
        else if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            var field = ExpectName($"a field name after {column}.").Value;
            target = CqlRelationTarget.Field;
            receiver = new Receiver(CqlMarkerRole.Field, $"{column}.{field}", column, CqlClause.If);
        }
        else if (_cursor.IsWord("CONTAINS"))
        {
            var contains = _cursor.Advance().Start;
            var key = _cursor.TryWord("KEY");
            Since("CONTAINS in an IF condition", 5, 0, contains);
            ParseTerm(key ? receiver.Key() : receiver.Element(), $"after CONTAINS{(key ? " KEY" : string.Empty)}");
            return new CqlRelation(target, columns, key ? CqlOperator.ContainsKey : CqlOperator.Contains);
        }

        if (target == CqlRelationTarget.Field)
        {
            Since("a condition on a field of a user-defined type", 3, 6, _cursor.Previous.Start);
        }

        var start = _cursor.Current.Start;
        if (_cursor.TryWord("IN"))
        {
            // Cassandra 2.1.1 added IN and the comparisons other than = to conditions (versions here are major.minor).
            Since("IN in an IF condition", 2, 2, start);
            ParseInValues(receiver, column, inWhere: false);
            return new CqlRelation(target, columns, CqlOperator.In);
        }

        var op = ExpectComparison(column, target == CqlRelationTarget.Column ? "IN, CONTAINS" : "IN");
        if (op != CqlOperator.Equal)
        {
            Since($"{OperatorText(op)} in an IF condition", 2, 2, start);
        }

        ParseTerm(receiver, $"after {column} {OperatorText(op)}");
        return new CqlRelation(target, columns, op);
    }
}
