namespace AsyncCassandra.Generators.Cql;

// INSERT, UPDATE and DELETE, with their USING and IF clauses.
internal sealed partial class CqlParser
{
    private string _modificationEnd = string.Empty;

    // INSERT INTO [ks.]t (cols) VALUES (values) | JSON value [DEFAULT NULL|UNSET]  [IF NOT EXISTS] [USING ...]
    private void ParseInsert()
    {
        _cursor.Advance();
        ExpectWord("INTO", "after INSERT");
        ParseTableName("a table name after INSERT INTO");
        if (_cursor.IsWord("JSON"))
        {
            var json = _cursor.Advance();
            Since("INSERT JSON", 2, 2, json.Start);
            _statement = _statement with { IsJson = true };
            ParseJsonValue();
            if (_cursor.IsWord("DEFAULT"))
            {
                var start = _cursor.Advance().Start;
                if (!_cursor.TryWord("NULL") && !_cursor.TryWord("UNSET"))
                {
                    throw Failure($"expected NULL or UNSET after DEFAULT, found {_cursor.Current.Describe()}", _cursor.Current);
                }

                Since("DEFAULT NULL / DEFAULT UNSET", 3, 10, start);
            }

            _modificationEnd = "the JSON value";
        }
        else
        {
            ParseInsertValues();
            _modificationEnd = "the inserted values";
        }

        if (_cursor.TryWord("IF"))
        {
            ExpectWord("NOT", "after IF (an INSERT takes only IF NOT EXISTS)");
            ExpectWord("EXISTS", "after IF NOT");
            _statement = _statement with { Condition = CqlConditionKind.IfNotExists };
            _modificationEnd = "IF NOT EXISTS";
        }

        if (_cursor.IsWord("USING"))
        {
            ParseUsing(allowTtl: true);
            if (_cursor.IsWord("IF"))
            {
                throw Failure("IF NOT EXISTS must come before USING in an INSERT", _cursor.Current);
            }

            _modificationEnd = "the USING clause";
        }

        RefuseTimestampOnConditional();
    }

    // jsonValue: a string or a marker (not any value).
    private void ParseJsonValue()
    {
        var token = _cursor.Current;
        if (token.Kind == CqlTokenKind.String)
        {
            _cursor.Advance();
            return;
        }

        if (IsMarker(token, _cursor.Peek(1)))
        {
            ReadMarker(new Receiver(CqlMarkerRole.Json, "[json]", null, CqlClause.Values));
            return;
        }

        throw Failure($"expected the JSON document (a string, ? or :name) after JSON, found {token.Describe()}", token);
    }

    private void ParseInsertValues()
    {
        var open = _cursor.Current;
        if (!_cursor.TryConsume(CqlTokenKind.OpenParen))
        {
            throw Failure($"expected '(' and the column names, or JSON, after the table name, found {open.Describe()}", open);
        }

        var columns = ParseNameList("in the INSERT column list");
        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the INSERT column list");
        ExpectWord("VALUES", "after the column list");
        var valuesOpen = _cursor.Current;
        Expect(CqlTokenKind.OpenParen, "'('", "after VALUES");
        var count = 0;
        do
        {
            var receiver = count < columns.Count
                ? Receiver.ForColumn(columns[count], CqlClause.Values)
                : new Receiver(CqlMarkerRole.Unknown, $"[{_shared.Markers.Count}]", null, CqlClause.Values);
            ParseTerm(receiver, $"for value {count + 1} of VALUES");
            count++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in VALUES");
        if (count != columns.Count)
        {
            Refuse($"{columns.Count} columns are listed but VALUES has {count} values; give one value per column", valuesOpen.Start, _cursor.Previous.End);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!seen.Add(column))
            {
                Refuse($"column {column} is listed twice; Cassandra refuses several values for one column", open.Start, valuesOpen.Start);
                break;
            }
        }

        _columns.AddRange(columns);
    }

    // USING (TTL v | TIMESTAMP v) (AND ...)*; the values are integers (possibly negative) or markers.
    private void ParseUsing(bool allowTtl)
    {
        _cursor.Advance();
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
                _statement = _statement with { HasTtl = true, TtlOffset = token.Start };
            }
            else if (_cursor.TryWord("TIMESTAMP"))
            {
                ParseUsingValue(CqlMarkerRole.Timestamp, "[timestamp]", "TIMESTAMP");
                _statement = _statement with { HasTimestamp = true, TimestampOffset = token.Start };
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
        if (IsMarker(token, _cursor.Peek(1)))
        {
            ReadMarker(new Receiver(role, name, null, CqlClause.Using));
        }
        else if (token.Kind == CqlTokenKind.Integer)
        {
            _cursor.Advance();
        }
        else if (IsNegativeNumber(0) && _cursor.Peek(1).Kind == CqlTokenKind.Integer)
        {
            _cursor.Advance();
            _cursor.Advance();
        }
        else
        {
            throw Failure($"expected a number, ? or :name after {option}, found {token.Describe()}", token);
        }
    }

    // The server takes the timestamp of a conditional write from Paxos.
    private void RefuseTimestampOnConditional()
    {
        if (_statement.IsConditional && _statement.HasTimestamp)
        {
            Refuse("a conditional (IF ...) write cannot have USING TIMESTAMP: Cassandra gives it the Paxos timestamp; remove USING TIMESTAMP", _statement.TimestampOffset, _statement.TimestampOffset + "TIMESTAMP".Length);
        }
    }

    // UPDATE [ks.]t [USING ...] SET assignments WHERE relations [IF EXISTS | IF conditions]
    private void ParseUpdate()
    {
        _cursor.Advance();
        ParseTableName("a table name after UPDATE");
        if (_cursor.IsWord("USING"))
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

        ParseWhere(_where);
        ParseIfClause();
        RefuseTimestampOnConditional();
        if (_statement.IsCounterUpdate && _statement.HasTimestamp)
        {
            Refuse("a counter update cannot have USING TIMESTAMP (Cassandra refuses it); remove it", _statement.TimestampOffset, _statement.TimestampOffset + "TIMESTAMP".Length);
        }

        if (_statement.IsCounterUpdate && _statement.HasTtl)
        {
            Refuse("a counter update cannot have USING TTL (Cassandra refuses it); remove it", _statement.TtlOffset, _statement.TtlOffset + "TTL".Length);
        }

        _modificationEnd = "WHERE";
    }

    private void ExpectEndOfModification()
    {
        switch (_modificationEnd)
        {
            case "WHERE":
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

                return;
            case "the USING clause":
                ExpectEnd("the USING clause", "AND");
                return;
            case "IF NOT EXISTS":
                ExpectEnd("IF NOT EXISTS", "USING");
                return;
            default:
                ExpectEnd(_modificationEnd, "IF NOT EXISTS", "USING");
                return;
        }
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
        if (_cursor.IsWord("USING"))
        {
            ParseUsing(allowTtl: false);
        }

        if (!_cursor.TryWord("WHERE"))
        {
            var context = _statement.HasTimestamp ? "the USING clause" : "the table name";
            var expected = _statement.HasTimestamp ? "WHERE" : "USING TIMESTAMP or WHERE";
            throw Failure($"expected {expected} after {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }

        ParseWhere(_where);
        ParseIfClause();
        RefuseTimestampOnConditional();
        _modificationEnd = "WHERE";
    }

    // column | column[key] | column.field (3.6)
    private void ParseDeletion()
    {
        var column = ExpectName("a column name, or FROM, after DELETE");
        _columns.Add(column.Value);
        if (_cursor.TryConsume(CqlTokenKind.OpenBracket))
        {
            ParseTerm(new Receiver(CqlMarkerRole.ElementKey, $"key({column.Value})", column.Value, CqlClause.Set), $"inside {column.Value}[...]");
            Expect(CqlTokenKind.CloseBracket, "']'", $"after the element key of {column.Value}");
        }
        else if (_cursor.TryConsume(CqlTokenKind.Dot))
        {
            ExpectName($"a field name after {column.Value}.");
            Since("deleting a field of a user-defined type", 3, 6, column.Start);
        }
    }
}
