namespace AsyncCassandra.Generators.Cql;

// INSERT, UPDATE and DELETE, with their USING and IF clauses.
internal sealed partial class CqlParser
{
    // INSERT INTO [ks.]t (cols) VALUES (values) | JSON value [DEFAULT NULL|UNSET]  [IF NOT EXISTS] [USING ...]
    private void ParseInsert()
    {
        _cursor.Advance();
        ExpectWord("INTO", "after INSERT");
        ParseTableName("a table name after INSERT INTO");
        if (_cursor.TryWord("JSON"))
        {
            _statement = _statement with { IsJson = true };
            ParseTerm(new Receiver(CqlMarkerRole.Json, "[json]", null, CqlClause.Values), "after JSON");
            if (_cursor.TryWord("DEFAULT") && !_cursor.TryWord("NULL") && !_cursor.TryWord("UNSET"))
            {
                throw Failure($"expected NULL or UNSET after DEFAULT, found {_cursor.Current.Describe()}", _cursor.Current);
            }
        }
        else
        {
            ParseInsertValues();
        }

        if (_cursor.TryWord("IF"))
        {
            ExpectWord("NOT", "after IF (an INSERT takes only IF NOT EXISTS)");
            ExpectWord("EXISTS", "after IF NOT");
            _statement = _statement with { Condition = CqlConditionKind.IfNotExists };
        }

        if (_cursor.TryWord("USING"))
        {
            ParseUsing(allowTtl: true);
            if (_cursor.IsWord("IF"))
            {
                throw Failure("IF NOT EXISTS must come before USING in an INSERT", _cursor.Current);
            }

            ExpectEnd("the USING clause", "AND");
            return;
        }

        if (_statement.IsConditional)
        {
            ExpectEnd("IF NOT EXISTS", "USING");
        }
        else
        {
            ExpectEnd("the inserted values", "IF NOT EXISTS", "USING");
        }
    }

    private void ParseInsertValues()
    {
        var open = _cursor.Current;
        if (!_cursor.TryConsume(CqlTokenKind.OpenParen))
        {
            throw Failure($"expected '(' and the column names, or JSON, after the table name, found {open.Describe()}", open);
        }

        var columns = ParseNameList("in the INSERT column list");
        _columns.AddRange(columns);
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the INSERT column list");
        ExpectWord("VALUES", "after the column list");
        var valuesOpen = _cursor.Current;
        Expect(CqlTokenKind.OpenParen, "'('", "after VALUES");
        var count = 0;
        do
        {
            var receiver = count < columns.Count
                ? Receiver.ForColumn(columns[count], CqlClause.Values)
                : new Receiver(CqlMarkerRole.Unknown, $"[{_markers.Count}]", null, CqlClause.Values);
            ParseTerm(receiver, $"for value {count + 1} of VALUES");
            count++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in VALUES");
        if (count != columns.Count)
        {
            throw new ParseFailure(new CqlSyntaxError(
                $"{columns.Count} columns are listed but VALUES has {count} values; give one value per column",
                valuesOpen.Start,
                _cursor.Previous.End - valuesOpen.Start));
        }
    }

    // USING (TTL v | TIMESTAMP v) (AND ...)*
    private void ParseUsing(bool allowTtl)
    {
        do
        {
            var token = _cursor.Current;
            if (_cursor.TryWord("TTL"))
            {
                if (!allowTtl)
                {
                    throw Failure("a DELETE takes only USING TIMESTAMP, not TTL", token);
                }

                ParseUsingValue(CqlMarkerRole.Ttl, "[ttl]", "TTL");
                _statement = _statement with { HasTtl = true };
            }
            else if (_cursor.TryWord("TIMESTAMP"))
            {
                ParseUsingValue(CqlMarkerRole.Timestamp, "[timestamp]", "TIMESTAMP");
                _statement = _statement with { HasTimestamp = true };
            }
            else
            {
                var expected = allowTtl ? "TTL or TIMESTAMP" : "TIMESTAMP";
                throw Failure($"expected {expected} after {_cursor.Previous.Value}, found {token.Describe()}", token);
            }
        }
        while (_cursor.TryWord("AND"));
    }

    private void ParseUsingValue(CqlMarkerRole role, string name, string option)
    {
        var token = _cursor.Current;
        if (IsMarker(token))
        {
            AddMarker(_cursor.Advance(), new Receiver(role, name, null, CqlClause.Using));
        }
        else if (token.Kind == CqlTokenKind.Integer)
        {
            _cursor.Advance();
        }
        else
        {
            throw Failure($"expected a number, ? or :name after {option}, found {token.Describe()}", token);
        }
    }

    // UPDATE [ks.]t [USING ...] SET assignments WHERE relations [IF EXISTS | IF conditions]
    private void ParseUpdate()
    {
        _cursor.Advance();
        ParseTableName("a table name after UPDATE");
        if (_cursor.TryWord("USING"))
        {
            ParseUsing(allowTtl: true);
        }

        ExpectWord("SET", _statement.HasTtl || _statement.HasTimestamp ? "after the USING clause" : "after the table name");
        do
        {
            ParseAssignment();
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        if (!_cursor.TryWord("WHERE"))
        {
            throw Failure($"expected ',' or WHERE after the assignments, found {_cursor.Current.Describe()}", _cursor.Current);
        }

        ParseRelations(_where, CqlClause.Where);
        ParseIfClause();
        ExpectEndAfterWhereOrIf();
    }

    private void ExpectEndAfterWhereOrIf()
    {
        switch (_statement.Condition)
        {
            case CqlConditionKind.None:
                ExpectEnd("the WHERE clause", "AND", "IF");
                break;
            case CqlConditionKind.IfConditions:
                ExpectEnd("the IF conditions", "AND");
                break;
            default:
                ExpectEnd("IF EXISTS");
                break;
        }
    }

    private void ParseAssignment()
    {
        var column = ExpectName("a column name to SET").Value;
        _columns.Add(column);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, CqlClause.Set), $"inside {column}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column}");
            Expect(CqlTokenKind.Equals, "'='", $"after {column}[...]");
            ParseTerm(new Receiver(CqlMarkerRole.ElementValue, $"value({column})", column, CqlClause.Set), $"after {column}[...] =");
            _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.SetElement));
            return;
        }

        if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            var field = ExpectName($"a field name after {column}.").Value;
            Expect(CqlTokenKind.Equals, "'='", $"after {column}.{field}");
            ParseTerm(new Receiver(CqlMarkerRole.Field, $"{column}.{field}", column, CqlClause.Set), $"after {column}.{field} =");
            _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.SetField));
            return;
        }

        var receiver = Receiver.ForColumn(column, CqlClause.Set);

        // c += v and c -= v (Cassandra 4): the operator and '=' are adjacent tokens.
        if (_cursor.Current.Kind is CqlTokenKind.Plus or CqlTokenKind.Minus
            && _cursor.Peek(1).Kind == CqlTokenKind.Equals && _cursor.Peek(1).Start == _cursor.Current.End)
        {
            var add = _cursor.Advance().Kind == CqlTokenKind.Plus;
            _cursor.Advance();
            ParseIncrement(column, add, receiver);
            return;
        }

        Expect(CqlTokenKind.Equals, "'='", $"after {column} in SET");

        // c = c + v, c = c - v
        if (_cursor.Current.IsName && _cursor.Peek(1).Kind is CqlTokenKind.Plus or CqlTokenKind.Minus)
        {
            var self = _cursor.Advance();
            if (self.Value != column)
            {
                throw Failure($"expected {column} (the column itself) in '{column} = {column} + value', found {self.Describe()}", self);
            }

            var add = _cursor.Advance().Kind == CqlTokenKind.Plus;
            ParseIncrement(column, add, receiver);
            return;
        }

        ParseTerm(receiver, $"after {column} =");

        // c = v + c (list prepend)
        if (_cursor.TryConsume(CqlTokenKind.Plus))
        {
            var self = ExpectName($"{column} after '+' (a prepend is '{column} = value + {column}')");
            if (self.Value != column)
            {
                throw Failure($"expected {column} (the column itself) after '+', found {self.Describe()}", self);
            }

            _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.Prepend));
            return;
        }

        _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.Set));
    }

    // The operand of c = c ± v; an integer literal there can only be a counter.
    private void ParseIncrement(string column, bool add, Receiver receiver)
    {
        var first = _cursor.Current;
        var start = _cursor.Position;
        ParseTerm(receiver, $"after {column} {(add ? '+' : '-')}");
        var consumed = _cursor.Position - start;
        var literal = (consumed == 1 && first.Kind == CqlTokenKind.Integer)
            || (consumed == 2 && first.Kind == CqlTokenKind.Minus && _cursor.Previous.Kind == CqlTokenKind.Integer);
        if (literal)
        {
            _statement = _statement with { IsCounterUpdate = true };
        }

        _assignments.Add(new CqlAssignment(column, add ? CqlAssignmentKind.Add : CqlAssignmentKind.Subtract));
    }

    // DELETE [selections] FROM [ks.]t [USING TIMESTAMP v] WHERE relations [IF EXISTS | IF conditions]
    private void ParseDelete()
    {
        _cursor.Advance();
        if (!_cursor.IsWord("FROM"))
        {
            do
            {
                RejectTrailingComma("deleted column");
                ParseDeletion();
            }
            while (_cursor.TryConsume(CqlTokenKind.Comma));

            if (!_cursor.IsWord("FROM"))
            {
                throw Failure($"expected ',' or FROM after the deleted columns, found {_cursor.Current.Describe()}", _cursor.Current);
            }
        }

        _cursor.Advance();
        ParseTableName("a table name after FROM");
        if (_cursor.TryWord("USING"))
        {
            ParseUsing(allowTtl: false);
        }

        if (!_cursor.TryWord("WHERE"))
        {
            var context = _statement.HasTimestamp ? "the USING clause" : "the table name";
            var expected = _statement.HasTimestamp ? "WHERE" : "USING TIMESTAMP or WHERE";
            throw Failure($"expected {expected} after {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }

        ParseRelations(_where, CqlClause.Where);
        ParseIfClause();
        ExpectEndAfterWhereOrIf();
    }

    // column | column[key] | column.field
    private void ParseDeletion()
    {
        var column = ExpectName("a column name, or FROM, after DELETE").Value;
        _columns.Add(column);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column})", column, CqlClause.Set), $"inside {column}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column}");
        }
        else if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            ExpectName($"a field name after {column}.");
        }
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
        ParseRelations(_conditions, CqlClause.If);
    }
}
