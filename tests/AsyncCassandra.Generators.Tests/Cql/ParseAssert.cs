using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Tests.Cql;

internal static class ParseAssert
{
    /// <summary>Parses and requires no errors.</summary>
    public static CqlStatement Valid(string cql)
    {
        var statement = CqlParser.Parse(cql);
        Assert.True(statement.Errors.Count == 0, "unexpected errors: " + string.Join("; ", statement.Errors.Select(e => e.Message)));
        return statement;
    }

    /// <summary>
    /// Parses and requires exactly one error, which starts where the fragment <paramref name="at"/> first
    /// occurs in the text (null: at the end of the text).
    /// </summary>
    public static CqlSyntaxError Invalid(string cql, string messageContains, string? at)
    {
        var statement = CqlParser.Parse(cql);
        var error = Assert.Single(statement.Errors);
        Assert.Contains(messageContains, error.Message, StringComparison.Ordinal);
        var offset = at is null ? cql.Length : cql.IndexOf(at, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{at}' is not in the text");

        Assert.Equal(offset, error.Offset);
        return error;
    }

    /// <summary>
    /// Parses a statement Cassandra's grammar reads but the server refuses: no syntax error, exactly one refusal,
    /// starting where <paramref name="at"/> first occurs.
    /// </summary>
    public static CqlSyntaxError Refused(string cql, string messageContains, string at)
    {
        var statement = Valid(cql);
        var refusal = Assert.Single(statement.Refusals);
        Assert.Contains(messageContains, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(cql.IndexOf(at, StringComparison.Ordinal), refusal.Offset);
        return refusal;
    }

    /// <summary>The text the marker covers.</summary>
    public static string TextOf(string cql, CqlBindMarker marker) => cql.Substring(marker.Offset, marker.Length);

    /// <summary>(Name, Column, Role) of every marker.</summary>
    public static (string Name, string? Column, CqlMarkerRole Role)[] Markers(CqlStatement statement) =>
        statement.Markers.Select(m => (m.Name, m.Column, m.Role)).ToArray();
}
