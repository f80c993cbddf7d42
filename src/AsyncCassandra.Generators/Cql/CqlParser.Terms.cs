namespace AsyncCassandra.Generators.Cql;

// Values (Parser.g term .. simpleTerm, value, marker, function) and bind markers, shared by every statement.
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

    /// <summary>A value inside an operation or a function of selectors: its type is not the column's.</summary>
    private static Receiver Operand => new(CqlMarkerRole.FunctionArgument, "operand", null, CqlClause.Unknown);

    /// <summary>What kind of value was read, for the checks that need it.</summary>
    private enum TermShape
    {
        Other,
        Null,
        Integer,
        Marker,
    }

    /// <summary>A '?' or ':name' (also ': name' and ':"Name"') at <paramref name="token"/>.</summary>
    private static bool IsMarker(CqlToken token, CqlToken next) =>
        token.Kind == CqlTokenKind.QuestionMark || (token.Kind == CqlTokenKind.Colon && next.IsName);

    private static bool IsLiteral(CqlToken token) =>
        token.Kind is CqlTokenKind.String or CqlTokenKind.Integer or CqlTokenKind.Float or CqlTokenKind.Hex
            or CqlTokenKind.Duration or CqlTokenKind.Uuid or CqlTokenKind.Boolean
        || token.IsWord("NULL");

    private void ReadMarker(Receiver receiver)
    {
        var first = _cursor.Advance();
        if (first.Kind == CqlTokenKind.QuestionMark)
        {
            AddMarker(first.Start, first.Length, false, receiver.Name, receiver);
            return;
        }

        var name = _cursor.Advance();
        AddMarker(first.Start, name.End - first.Start, true, name.Value, receiver);
    }

    private void AddMarker(int start, int length, bool named, string name, Receiver receiver) =>
        _shared.Markers.Add(new CqlBindMarker(_shared.Markers.Count, named, name, receiver.Column, receiver.Role, receiver.Clause, start, length)
        {
            IsInList = receiver.InList,
        });

    // The markers read since `from` are operands of an operation or of a function: no column type applies to them.
    private void RetagAsOperands(int from)
    {
        for (var i = from; i < _shared.Markers.Count; i++)
        {
            if (_shared.Markers[i].Role != CqlMarkerRole.FunctionArgument)
            {
                _shared.Markers[i] = _shared.Markers[i] with { Role = CqlMarkerRole.FunctionArgument, Column = null };
            }
        }
    }

    /// <summary>
    /// Reads one value (termAddition): operands joined by + - * / % (Cassandra 4.0), each a literal, marker,
    /// collection, tuple or user-defined type literal, function call, type-hinted value or cast, or a negation.
    /// Markers met on the way are recorded for <paramref name="receiver"/>.
    /// </summary>
    private TermShape ParseTerm(Receiver receiver, string context)
    {
        var start = _cursor.Current.Start;
        var markers = _shared.Markers.Count;
        var shape = ParseTermProduct(receiver, context);
        if (!IsAdditiveOperator())
        {
            return shape;
        }

        Since("arithmetic on values", 4, 0, start);
        RetagAsOperands(markers);
        while (IsAdditiveOperator())
        {
            _cursor.Advance();
            ParseTermProduct(Operand, context);
        }

        return TermShape.Other;
    }

    // '+' or '-' followed by an operand (in "c = v + c" the '+' is a prepend, which its caller reads).
    private bool IsAdditiveOperator() =>
        _cursor.Current.Kind is CqlTokenKind.Plus or CqlTokenKind.Minus
        && !(_cursor.Peek(1).IsName && !IsFunctionCallAt(1)) && _cursor.Peek(1).Kind != CqlTokenKind.Equals && !IsNegativeNumber(0);

    private TermShape ParseTermProduct(Receiver receiver, string context)
    {
        var start = _cursor.Current.Start;
        var markers = _shared.Markers.Count;
        var shape = ParseTermGroup(receiver, context);
        if (!(_cursor.Current.Kind is CqlTokenKind.Star or CqlTokenKind.Slash or CqlTokenKind.Percent))
        {
            return shape;
        }

        Since("arithmetic on values", 4, 0, start);
        RetagAsOperands(markers);
        while (_cursor.Current.Kind is CqlTokenKind.Star or CqlTokenKind.Slash or CqlTokenKind.Percent)
        {
            _cursor.Advance();
            ParseTermGroup(Operand, context);
        }

        return TermShape.Other;
    }

    // termGroup: simpleTerm | '-' simpleTerm
    private TermShape ParseTermGroup(Receiver receiver, string context)
    {
        if (_cursor.Is(CqlTokenKind.Minus))
        {
            var minus = _cursor.Advance();
            if (_cursor.Current.Kind is CqlTokenKind.Integer or CqlTokenKind.Float or CqlTokenKind.Duration && _cursor.Current.Start == minus.End)
            {
                // "-5" read by the lexer as '-' and 5 is the server's INTEGER -5.
                _cursor.Advance();
                return _cursor.Previous.Kind == CqlTokenKind.Integer ? TermShape.Integer : TermShape.Other;
            }

            Since("a negated value", 4, 0, minus.Start);
            ParseSimpleTerm(receiver, context);
            return TermShape.Other;
        }

        return ParseSimpleTerm(receiver, context);
    }

    // simpleTerm: value | function | '(' type ')' simpleTerm | CAST '(' simpleTerm AS native_type ')'
    private TermShape ParseSimpleTerm(Receiver receiver, string context)
    {
        var token = _cursor.Current;
        if (IsMarker(token, _cursor.Peek(1)))
        {
            ReadMarker(receiver);
            return TermShape.Marker;
        }

        if (token.Kind == CqlTokenKind.Colon && _cursor.Peek(1).Kind is CqlTokenKind.Keyword)
        {
            var word = _cursor.Peek(1);
            throw new ParseFailure(new CqlSyntaxError(
                $"':{word.Text}' is not a valid marker name: {word.Value} is a reserved word; name the marker :\"{word.Text.ToLowerInvariant()}\" or choose another name",
                token.Start,
                word.End - token.Start));
        }

        if (IsLiteral(token))
        {
            _cursor.Advance();
            if (token.Kind == CqlTokenKind.String && token.Text.StartsWith("$$", StringComparison.Ordinal))
            {
                Since("a $$ string", 2, 2, token.Start);
            }

            if (token.Kind == CqlTokenKind.Duration)
            {
                Since("a duration literal", 3, 10, token.Start);
            }

            return token.IsWord("NULL") ? TermShape.Null : token.Kind == CqlTokenKind.Integer ? TermShape.Integer : TermShape.Other;
        }

        switch (token.Kind)
        {
            case CqlTokenKind.OpenBracket:
                ParseListLiteral(receiver);
                return TermShape.Other;
            case CqlTokenKind.OpenBrace:
                ParseBraces(receiver);
                return TermShape.Other;
            case CqlTokenKind.OpenParen:
                ParseParenthesized(receiver, context);
                return TermShape.Other;
        }

        if (token.IsWord("CAST") && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen)
        {
            _cursor.Advance();
            _cursor.Advance();
            Since("cast() of a value", 4, 1, token.Start);
            ParseSimpleTerm(Operand, "inside cast(...)");
            ExpectWord("AS", "and a type inside cast(...)");
            ParseNativeType("cast(...)");
            Expect(CqlTokenKind.CloseParen, "')'", "after the type of cast(...)");
            return TermShape.Other;
        }

        if ((token.IsName || token.IsWord("TOKEN")) && IsFunctionCallAt(0))
        {
            ParseFunctionCall(receiver.Clause);
            return TermShape.Other;
        }

        if (token.Kind == CqlTokenKind.Keyword)
        {
            throw Failure($"expected a value (?, :name, a literal or a function call) {context}, found the reserved word {token.Value}", token);
        }

        throw Failure($"expected a value (?, :name, a literal or a function call) {context}, found {token.Describe()}", token);
    }

    private bool IsFunctionCallAhead() => IsFunctionCallAt(0);

    // [keyspace.]name( at `ahead`.
    private bool IsFunctionCallAt(int ahead)
    {
        var name = _cursor.Peek(ahead);
        if (!(name.IsName || name.IsWord("TOKEN")))
        {
            return false;
        }

        return _cursor.Peek(ahead + 1).Kind == CqlTokenKind.OpenParen
            || (_cursor.Peek(ahead + 1).Kind == CqlTokenKind.Dot && (_cursor.Peek(ahead + 2).IsName || _cursor.Peek(ahead + 2).IsWord("TOKEN"))
                && _cursor.Peek(ahead + 3).Kind == CqlTokenKind.OpenParen);
    }

    // '-' glued to a number is the server's negative INTEGER, FLOAT or DURATION token, never an operator: "2 -1" is
    // two numbers in a row there.
    private bool IsNegativeNumber(int ahead) =>
        _cursor.Peek(ahead).Kind == CqlTokenKind.Minus
        && _cursor.Peek(ahead + 1).Kind is CqlTokenKind.Integer or CqlTokenKind.Float or CqlTokenKind.Duration
        && _cursor.Peek(ahead + 1).Start == _cursor.Peek(ahead).End;

    // unreserved_keyword minus unreserved_function_keyword: names that never call a function in a value.
    private static readonly string[] NotFunctionNames = ["TTL", "WRITETIME", "MAXWRITETIME", "KEY", "CAST", "JSON", "DISTINCT"];

    /// <summary>[keyspace.]function(args); markers in the arguments are named argN(function).</summary>
    private void ParseFunctionCall(CqlClause clause)
    {
        var start = _cursor.Current.Start;
        var word = _cursor.Current;
        if (NotFunctionNames.Any(word.IsWord) && _cursor.Peek(1).Kind == CqlTokenKind.OpenParen)
        {
            throw Failure($"{word.Text.ToUpperInvariant()}(...) is not a function a value can call; {(word.IsWord("TTL") || word.IsWord("WRITETIME") ? "it is only selected, as SELECT " + word.Text.ToLowerInvariant() + "(column)" : "remove it")}", word);
        }

        var function = ReadFunctionName();
        if (function.Contains('.'))
        {
            Since("a keyspace-qualified (user-defined) function", 2, 2, start);
        }

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
}
