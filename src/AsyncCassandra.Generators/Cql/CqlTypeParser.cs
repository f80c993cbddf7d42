using System.Globalization;

namespace AsyncCassandra.Generators.Cql;

/// <summary>Reads a CQL type (<c>map&lt;text, frozen&lt;list&lt;int&gt;&gt;&gt;</c>, <c>ks.address</c>, <c>'com.example.MyType'</c>) from tokens.</summary>
internal static class CqlTypeParser
{
    /// <summary>
    /// Reads one type at the cursor. On failure returns null with <paramref name="error"/> set and leaves the
    /// cursor where the problem is; callers that were only probing restore <see cref="CqlTokenCursor.Position"/>.
    /// </summary>
    public static CqlTypeRef? TryParse(CqlTokenCursor cursor, out CqlSyntaxError? error)
    {
        error = null;
        var token = cursor.Current;
        if (token.Kind == CqlTokenKind.String)
        {
            cursor.Advance();
            return CqlTypeRef.Custom(token.Value);
        }

        if (!token.IsName && token.Kind != CqlTokenKind.Keyword)
        {
            error = Expected("a type", token);
            return null;
        }

        // Only unquoted words name built-in types and type constructors; "set" is a reserved keyword.
        if (token.Kind != CqlTokenKind.QuotedIdentifier)
        {
            switch (token.Text.ToLowerInvariant())
            {
                case "frozen":
                    return ParseFrozen(cursor, out error);
                case "list":
                    return ParseArguments(cursor, 1, 1, out error) is { } l ? CqlTypeRef.List(l[0]) : null;
                case "set":
                    return ParseArguments(cursor, 1, 1, out error) is { } s ? CqlTypeRef.Set(s[0]) : null;
                case "map":
                    return ParseArguments(cursor, 2, 2, out error) is { } m ? CqlTypeRef.Map(m[0], m[1]) : null;
                case "tuple":
                    return ParseArguments(cursor, 1, int.MaxValue, out error) is { } t ? CqlTypeRef.Tuple([.. t]) : null;
                case "vector":
                    return ParseVector(cursor, out error);
            }

            if (CqlTypeRef.IsNativeName(token.Text))
            {
                cursor.Advance();
                return CqlTypeRef.Native(token.Text);
            }
        }

        if (token.Kind == CqlTokenKind.Keyword)
        {
            error = Expected("a type", token);
            return null;
        }

        cursor.Advance();
        if (cursor.Is(CqlTokenKind.Dot) && cursor.Peek(1).IsName)
        {
            cursor.Advance();
            var name = cursor.Advance();
            return CqlTypeRef.UserDefined(name.Value, token.Value);
        }

        return CqlTypeRef.UserDefined(token.Value);
    }

    private static CqlTypeRef? ParseFrozen(CqlTokenCursor cursor, out CqlSyntaxError? error)
    {
        var arguments = ParseArguments(cursor, 1, 1, out error);
        return arguments is null ? null : arguments[0] with { IsFrozen = true };
    }

    private static CqlTypeRef? ParseVector(CqlTokenCursor cursor, out CqlSyntaxError? error)
    {
        cursor.Advance();
        if (!cursor.TryConsume(CqlTokenKind.LessThan))
        {
            error = Expected("'<' after vector", cursor.Current);
            return null;
        }

        var element = TryParse(cursor, out error);
        if (element is null)
        {
            return null;
        }

        if (!cursor.TryConsume(CqlTokenKind.Comma) || !cursor.Is(CqlTokenKind.Integer))
        {
            error = Expected("',' and the dimension of the vector", cursor.Current);
            return null;
        }

        var dimension = int.Parse(cursor.Advance().Text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!cursor.TryConsume(CqlTokenKind.GreaterThan))
        {
            error = Expected("'>' to close vector<...>", cursor.Current);
            return null;
        }

        return CqlTypeRef.Vector(element, dimension);
    }

    // Reads `<T, ...>` after the constructor word at the cursor.
    private static List<CqlTypeRef>? ParseArguments(CqlTokenCursor cursor, int min, int max, out CqlSyntaxError? error)
    {
        var constructor = cursor.Advance();
        var name = constructor.Text.ToLowerInvariant();
        if (!cursor.TryConsume(CqlTokenKind.LessThan))
        {
            error = Expected($"'<' after {name}", cursor.Current);
            return null;
        }

        var arguments = new List<CqlTypeRef>();
        while (true)
        {
            var argument = TryParse(cursor, out error);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
            if (cursor.TryConsume(CqlTokenKind.GreaterThan))
            {
                break;
            }

            if (arguments.Count >= max || !cursor.TryConsume(CqlTokenKind.Comma))
            {
                error = Expected($"'>' to close {name}<...>", cursor.Current);
                return null;
            }
        }

        if (arguments.Count < min)
        {
            error = new CqlSyntaxError(
                $"{name} takes {min} type arguments, found {arguments.Count}",
                constructor.Start,
                cursor.Previous.End - constructor.Start);
            return null;
        }

        error = null;
        return arguments;
    }

    private static CqlSyntaxError Expected(string what, CqlToken found) =>
        new($"expected {what}, found {found.Describe()}", found.Start, found.Length);
}
