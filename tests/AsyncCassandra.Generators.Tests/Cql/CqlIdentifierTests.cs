using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlIdentifierTests
{
    [Theory]
    [InlineData("Users", "users")]
    [InlineData("\"Users\"", "Users")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    public void Normalize_follows_cql_case_rules(string written, string normalized)
    {
        Assert.Equal(normalized, CqlIdentifier.Normalize(written));
    }

    [Theory]
    [InlineData("users", "users")]
    [InlineData("Users", "\"Users\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("has space", "\"has space\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    public void Format_quotes_only_when_needed(string name, string formatted)
    {
        Assert.Equal(formatted, CqlIdentifier.Format(name));
        Assert.Equal(name, CqlIdentifier.Normalize(formatted));
    }
}
