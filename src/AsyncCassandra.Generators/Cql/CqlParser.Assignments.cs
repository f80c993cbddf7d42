namespace AsyncCassandra.Generators.Cql;

// The SET of an UPDATE (Parser.g columnOperation): c = v, c = v + c, c = c + v, c = c - v, c += v, c -= v,
// c[k] = v, c.field = v.
internal sealed partial class CqlParser
{
    private void ParseAssignment()
    {
        var name = ExpectName("a column name to SET");
        var column = name.Value;
        _columns.Add(column);
        var assignments = _assignments.Count;
        ParseColumnOperation(name, column);
        RejectIncompatible(name, assignments);
    }

    // The server's grammar refuses two settings of one column unless both change parts of it (elements, fields,
    // additions): "SET v = 1, v = 2" is a syntax error there.
    private void RejectIncompatible(CqlToken name, int index)
    {
        var added = _assignments[index];
        for (var i = 0; i < index; i++)
        {
            var earlier = _assignments[i];
            if (earlier.Column == added.Column && (earlier.Kind == CqlAssignmentKind.Set || added.Kind == CqlAssignmentKind.Set))
            {
                throw Failure($"column {added.Column} is set twice in incompatible ways; set it once", name);
            }
        }
    }

    private void ParseColumnOperation(CqlToken name, string column)
    {
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
            Since("setting a field of a user-defined type", 3, 6, name.Start);
            Expect(CqlTokenKind.Equals, "'='", $"after {column}.{field}");
            ParseTerm(new Receiver(CqlMarkerRole.Field, $"{column}.{field}", column, CqlClause.Set), $"after {column}.{field} =");
            _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.SetField));
            return;
        }

        var receiver = Receiver.ForColumn(column, CqlClause.Set);

        // c += v and c -= v: the operator and '=' are adjacent tokens.
        if (_cursor.Current.Kind is CqlTokenKind.Plus or CqlTokenKind.Minus
            && _cursor.Peek(1).Kind == CqlTokenKind.Equals && _cursor.Peek(1).Start == _cursor.Current.End)
        {
            var start = _cursor.Current.Start;
            var add = _cursor.Advance().Kind == CqlTokenKind.Plus;
            _cursor.Advance();
            Since(add ? "+=" : "-=", 4, 0, start);
            ParseIncrement(column, add, receiver);
            return;
        }

        Expect(CqlTokenKind.Equals, "'='", $"after {column} in SET");

        // c = c + v, c = c - v, and c = c -1 (the server's lexer reads "-1" as one negative number)
        if (_cursor.Current.IsName && !IsFunctionCallAt(0)
            && (_cursor.Peek(1).Kind is CqlTokenKind.Plus || (_cursor.Peek(1).Kind is CqlTokenKind.Minus && !IsNegativeNumber(1)) || IsNegativeNumber(1)))
        {
            var self = _cursor.Advance();
            if (self.Value != column)
            {
                throw Failure($"expected {column} (the column itself) in '{column} = {column} + value': Cassandra supports only that form", self);
            }

            if (IsNegativeNumber(0))
            {
                ParseIncrement(column, add: true, receiver);
                return;
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
                throw Failure($"expected {column} (the column itself) after '+', found {self.Describe()}: Cassandra supports only '{column} = value + {column}'", self);
            }

            _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.Prepend));
            return;
        }

        _assignments.Add(new CqlAssignment(column, CqlAssignmentKind.Set));
    }

    // The operand of c = c ± v (or c ±= v); an integer literal there can only be a counter.
    private void ParseIncrement(string column, bool add, Receiver receiver)
    {
        if (ParseTerm(receiver, $"after {column} {(add ? '+' : '-')}") == TermShape.Integer)
        {
            _statement = _statement with { IsCounterUpdate = true };
        }

        _assignments.Add(new CqlAssignment(column, add ? CqlAssignmentKind.Add : CqlAssignmentKind.Subtract));
    }
}
