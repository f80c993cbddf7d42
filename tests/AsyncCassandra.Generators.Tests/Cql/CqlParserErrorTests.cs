using AsyncCassandra.Generators.Cql;
using static AsyncCassandra.Generators.Tests.Cql.ParseAssert;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlParserErrorTests
{
    [Fact]
    public void Missing_from_says_what_was_expected_and_where()
    {
        var error = Invalid("SELECT id, name WHERE id = ?", "expected FROM after the selected columns, found WHERE", "WHERE");
        Assert.Equal(5, error.Length);
    }

    [Fact]
    public void Missing_comma_between_columns()
    {
        Invalid("SELECT id name FROM t", "expected ',' or FROM after the selected columns, found 'name'", "name");
    }

    [Fact]
    public void Nothing_selected()
    {
        Invalid("SELECT FROM t", "expected the columns to select", "FROM");
    }

    [Fact]
    public void Trailing_comma_before_from()
    {
        Invalid("SELECT a, b, FROM t", "expected another selected item after ',', found FROM (remove the trailing ',')", "FROM");
        Invalid("DELETE a, FROM t WHERE k = ?", "expected another deleted column after ','", "FROM");
    }

    [Fact]
    public void If_without_condition()
    {
        Invalid("UPDATE t SET a = ? WHERE k = ? IF", "expected EXISTS or a condition (column = value) after IF, found the end of the text", at: null);
    }

    [Fact]
    public void Reserved_word_as_table_name_suggests_quoting()
    {
        Invalid("SELECT a FROM table", "expected a table name after FROM, found the reserved word TABLE (write \"table\"", "table");
    }

    [Fact]
    public void Misspelled_statement()
    {
        Invalid("SELEC * FROM t", "expected SELECT, INSERT, UPDATE, DELETE or another CQL statement, found 'SELEC'", "SELEC");
    }

    [Fact]
    public void Empty_text()
    {
        var error = Assert.Single(CqlParser.Parse("  -- nothing\n").Errors);
        Assert.Equal("expected a CQL statement, found nothing", error.Message);
    }

    [Fact]
    public void Clause_out_of_order_lists_what_may_follow()
    {
        Invalid(
            "SELECT a FROM t LIMIT 1 WHERE a = ?",
            "expected ALLOW FILTERING or the end of the statement after LIMIT, found WHERE",
            "WHERE");
    }

    [Fact]
    public void After_where_and_is_suggested()
    {
        Invalid("SELECT a FROM t WHERE a = ? b = ?", "expected AND, GROUP BY, ORDER BY, PER PARTITION LIMIT, LIMIT, ALLOW FILTERING or the end of the statement after the WHERE clause, found 'b'", "b =");
    }

    [Fact]
    public void Missing_operator()
    {
        Invalid("SELECT a FROM t WHERE id ?", "expected an operator (=, <, >, <=, >=, !=, IN, CONTAINS, LIKE, IS NOT NULL) after id, found '?'", "?");
    }

    [Fact]
    public void Missing_value()
    {
        Invalid("SELECT a FROM t WHERE id = ", "expected a value (?, :name, a literal or a function call) after id =, found the end of the text", at: null);
    }

    [Fact]
    public void Error_at_end_points_at_the_end()
    {
        const string cql = "SELECT a FROM t WHERE id =";
        var error = Assert.Single(CqlParser.Parse(cql).Errors);
        Assert.Equal(cql.Length, error.Offset);
        Assert.Equal(0, error.Length);
    }

    [Fact]
    public void Two_statements_are_rejected()
    {
        Invalid("SELECT a FROM t; SELECT b FROM t", "use a BATCH for several", "SELECT b");
    }

    [Fact]
    public void Star_mixed_with_columns()
    {
        Invalid("SELECT a, * FROM t", "'*' selects every column and cannot be combined", "*");
    }

    [Fact]
    public void Limit_must_be_positive_number_or_marker()
    {
        Invalid("SELECT a FROM t LIMIT 'x'", "expected a number, ? or :name after LIMIT", "'x'");
        Refused("SELECT a FROM t LIMIT 0", "LIMIT must be a positive number", "0");
        Refused("SELECT a FROM t LIMIT -3", "LIMIT must be a positive number", "-3");
    }

    [Fact]
    public void Values_count_must_match_columns()
    {
        var refusal = Refused("INSERT INTO t (a, b) VALUES (?)", "2 columns are listed but VALUES has 1 values", "(?)");
        Assert.Equal(3, refusal.Length);
    }

    [Fact]
    public void Insert_without_values()
    {
        Invalid("INSERT INTO t (a, b) (?, ?)", "expected VALUES after the column list", "(?, ?)");
    }

    [Fact]
    public void Insert_if_not_exists_after_using()
    {
        Invalid("INSERT INTO t (a) VALUES (?) USING TTL 5 IF NOT EXISTS", "IF NOT EXISTS must come before USING", "IF");
    }

    [Theory]
    [InlineData("INSERT INTO t (a) VALUES (?) x", "expected IF NOT EXISTS, USING or the end of the statement after the inserted values, found 'x'")]
    [InlineData("INSERT INTO t (a) VALUES (?) IF NOT EXISTS x", "expected USING or the end of the statement after IF NOT EXISTS, found 'x'")]
    [InlineData("INSERT INTO t (a) VALUES (?) USING TTL 1 x", "expected AND or the end of the statement after the USING clause, found 'x'")]
    [InlineData("UPDATE t SET a = 1 WHERE k = 1 x", "expected AND, IF or the end of the statement after the WHERE clause, found 'x'")]
    [InlineData("UPDATE t SET a = 1 WHERE k = 1 IF a = 1 x", "expected AND or the end of the statement after the IF conditions, found 'x'")]
    [InlineData("DELETE FROM t WHERE k = 1 IF EXISTS x", "expected the end of the statement after IF EXISTS, found 'x'")]
    public void End_of_write_statements_lists_what_may_follow(string cql, string message)
    {
        Invalid(cql, message, "x");
    }

    [Fact]
    public void Update_without_where()
    {
        Invalid("UPDATE t SET a = ?", "expected ',' or WHERE after the assignments, found the end of the text", at: null);
    }

    [Fact]
    public void Update_if_not_exists_is_rejected()
    {
        Invalid("UPDATE t SET a = ? WHERE k = ? IF NOT EXISTS", "IF NOT EXISTS applies only to INSERT", "NOT");
    }

    [Fact]
    public void Self_reference_must_name_the_same_column()
    {
        Invalid("UPDATE t SET c = d + 1 WHERE k = ?", "expected c (the column itself)", "d +");
    }

    [Fact]
    public void Delete_with_ttl_is_rejected()
    {
        Invalid("DELETE FROM t USING TTL 5 WHERE k = ?", "a DELETE takes only USING TIMESTAMP", "TTL");
    }

    [Fact]
    public void Unclosed_in_list()
    {
        Invalid("SELECT a FROM t WHERE k IN (?, ? LIMIT 1", "expected ',' or ')' in the IN list of k, found LIMIT", "LIMIT");
    }

    [Fact]
    public void Tuple_value_count_must_match()
    {
        Refused("SELECT a FROM t WHERE (c1, c2) > (?, ?, ?)", "(c1, c2) has 2 columns but 3 values are given", "(?, ?, ?)");
    }

    [Fact]
    public void Lexer_errors_are_reported_and_visible_markers_kept()
    {
        var s = CqlParser.Parse("SELECT a FROM t WHERE a = ? AND b = 'unclosed");
        var error = Assert.Single(s.Errors);
        Assert.StartsWith("unterminated string", error.Message, StringComparison.Ordinal);
        Assert.Equal(CqlStatementKind.Select, s.Kind);
        Assert.Single(s.Markers);
    }

    [Fact]
    public void Markers_read_before_an_error_are_kept()
    {
        var s = CqlParser.Parse("SELECT a FROM t WHERE a = ? AND b = ? LIMIT x");
        Assert.True(s.HasErrors);
        Assert.Equal(["a", "b"], s.Markers.Select(m => m.Name));
        Assert.Equal("t", s.Table);
    }

    [Theory]
    [InlineData("SELECT")]
    [InlineData("SELECT a FROM")]
    [InlineData("SELECT a FROM t WHERE")]
    [InlineData("SELECT a FROM t WHERE (")]
    [InlineData("SELECT a FROM t WHERE token(")]
    [InlineData("SELECT count( FROM t")]
    [InlineData("SELECT cast(a AS FROM t")]
    [InlineData("INSERT")]
    [InlineData("INSERT INTO t (")]
    [InlineData("INSERT INTO t (a) VALUES ({")]
    [InlineData("INSERT INTO t (a) VALUES ([?,")]
    [InlineData("UPDATE t SET")]
    [InlineData("UPDATE t SET m[")]
    [InlineData("DELETE")]
    [InlineData("DELETE a[ FROM t")]
    [InlineData("SELECT a FROM t WHERE a = {'k':")]
    [InlineData(")")]
    [InlineData("'")]
    public void Truncated_text_gives_an_error_never_an_exception(string cql)
    {
        var s = CqlParser.Parse(cql);
        var error = Assert.Single(s.Errors);
        Assert.InRange(error.Offset, 0, cql.Length);
        Assert.InRange(error.Offset + error.Length, 0, cql.Length);
    }
}
