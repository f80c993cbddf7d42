namespace AsyncCassandra.Generators.Cql;

// Collection, tuple and user-defined type literals, and type hints (Parser.g collectionLiteral, usertypeLiteral,
// tupleLiteral, '(' comparatorType ')' simpleTerm).
internal sealed partial class CqlParser
{
    private void ParseListLiteral(Receiver receiver)
    {
        _cursor.Advance();
        if (_cursor.TryConsume(CqlTokenKind.CloseBracket))
        {
            return;
        }

        do
        {
            ParseCollectionElement(receiver.Element(), "in the list");
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseBracket, "',' or ']'", "in the list");
    }

    // An element of a list, set or map literal: the server refuses null there.
    private void ParseCollectionElement(Receiver receiver, string context)
    {
        var start = _cursor.Current.Start;
        if (ParseTerm(receiver, context) == TermShape.Null)
        {
            Refuse("null is not allowed inside a collection literal (Cassandra refuses it); leave the element out, or bind a collection without it", start, _cursor.Previous.End);
        }
    }

    // {} is an empty set or map; {a, b} a set; {k: v} a map; {field: v} a user-defined type value.
    private void ParseBraces(Receiver receiver)
    {
        _cursor.Advance();
        if (_cursor.TryConsume(CqlTokenKind.CloseBrace))
        {
            return;
        }

        // A field name is a name not followed by '(' (that would be a function call, a map key).
        if (_cursor.Current.IsName && _cursor.Peek(1).Kind == CqlTokenKind.Colon)
        {
            ParseUserTypeLiteral(receiver);
            return;
        }

        var markersBefore = _shared.Markers.Count;
        ParseCollectionElement(receiver.Key(), "in the set or map");
        var isMap = _cursor.TryConsume(CqlTokenKind.Colon);
        if (isMap)
        {
            ParseCollectionElement(receiver.Element(), "as a map value");
        }
        else
        {
            // A set: its first element was read as if it were a map key.
            RetagAsElements(markersBefore, receiver);
        }

        while (_cursor.TryConsume(CqlTokenKind.Comma))
        {
            if (!isMap)
            {
                ParseCollectionElement(receiver.Element(), "in the set");
                continue;
            }

            ParseCollectionElement(receiver.Key(), "as a map key");
            Expect(CqlTokenKind.Colon, "':'", "between a map key and its value");
            ParseCollectionElement(receiver.Element(), "as a map value");
        }

        Expect(CqlTokenKind.CloseBrace, "',' or '}'", isMap ? "in the map" : "in the set");
    }

    private void RetagAsElements(int from, Receiver receiver)
    {
        var element = receiver.Element();
        for (var i = from; i < _shared.Markers.Count; i++)
        {
            if (_shared.Markers[i] is { Role: CqlMarkerRole.CollectionKey } marker && marker.Column == receiver.Column)
            {
                _shared.Markers[i] = marker with { Role = element.Role, Name = marker.IsNamed ? marker.Name : element.Name };
            }
        }
    }

    // {field: value, ...} after the '{'; a field's value may be null.
    private void ParseUserTypeLiteral(Receiver receiver)
    {
        do
        {
            var field = ExpectName("a field name");
            Expect(CqlTokenKind.Colon, "':'", $"after the field name {field.Value}");
            var fieldReceiver = receiver.Column is null
                ? Operand
                : new Receiver(CqlMarkerRole.Field, $"{receiver.Column}.{field.Value}", receiver.Column, receiver.Clause);
            ParseTerm(fieldReceiver, $"for the field {field.Value}");
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseBrace, "',' or '}'", "in the user-defined type value");
    }

    // (type) value, or a tuple literal (a, b).
    private void ParseParenthesized(Receiver receiver, string context)
    {
        var open = _cursor.Position;
        _cursor.Advance();
        if (CqlTypeParser.TryParse(_cursor, out _) is not null && _cursor.Is(CqlTokenKind.CloseParen) && StartsSimpleTerm(1))
        {
            _cursor.Advance();
            ParseSimpleTerm(receiver, "after the type hint");
            return;
        }

        _cursor.Position = open + 1;
        var index = 0;
        do
        {
            var element = receiver.Column is null
                ? Operand
                : new Receiver(CqlMarkerRole.TupleElement, $"{receiver.Column}[{index}]", receiver.Column, receiver.Clause);
            ParseTerm(element, "in the tuple");
            index++;
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the tuple");
    }

    /// <summary>A token that can begin a simple value (to tell a type hint <c>(int) ?</c> from a tuple).</summary>
    private bool StartsSimpleTerm(int ahead)
    {
        var token = _cursor.Peek(ahead);
        return IsMarker(token, _cursor.Peek(ahead + 1)) || IsLiteral(token) || IsFunctionCallAt(ahead) || IsNegativeNumber(ahead)
            || token.Kind is CqlTokenKind.OpenBracket or CqlTokenKind.OpenBrace or CqlTokenKind.OpenParen;
    }
}
