using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Tests.Generation.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>
/// One statement of each kind issue 15 found misjudged, taken from a public source (noted per row; "own" where no
/// public test spells the construct out), compiled as a [CqlQuery] method without a schema. Valid ones compile with
/// no diagnostic at all; invalid ones get their id at their token. The conformance corpus holds many more of each.
/// </summary>
public class GrammarKindTests
{
    private const string Cassandra = "apache/cassandra@d7c5c547f0:";

    /// <summary>Kind, source, the method (members of a repository interface).</summary>
    public static readonly TheoryData<string, string, string> Valid = new()
    {
        {
            "a conditional BATCH returns whether it applied",
            Cassandra + "test/unit/org/apache/cassandra/cql3/validation/operations/InsertUpdateIfConditionStaticsTest.java:146",
            """[CqlQuery("BEGIN BATCH INSERT INTO t (id, k, v) VALUES (1, 'k1', 'val1') IF NOT EXISTS; INSERT INTO t (id, k, v) VALUES (1, 'k2', 'val2') IF NOT EXISTS; APPLY BATCH")] Task<bool> M();"""
        },
        {
            "a counter BATCH",
            "apache/cassandra-gocql-driver@65e2caf:cass1batch_test.go:66",
            """[CqlQuery("BEGIN COUNTER BATCH UPDATE stats SET views = views + 1 WHERE pageid = 1 APPLY BATCH")] Task M();"""
        },
        {
            "SELECT JSON is one text column per row",
            Cassandra + "test/unit/org/apache/cassandra/cql3/validation/entities/JsonTest.java:1409",
            """[CqlQuery("SELECT JSON a, b FROM t WHERE a IN (20, 100) ORDER BY b DESC")] Task<IReadOnlyList<string>> M();"""
        },
        {
            "a negative integer where the grammar allows one",
            "apache/cassandra-dtest@3804b14d:upgrade_tests/cql_tests.py:5227",
            """[CqlQuery("INSERT INTO test (k, v) VALUES (1, 1) USING TIMESTAMP -42")] Task M();"""
        },
        {
            "an ISO 8601 duration",
            Cassandra + "doc/cql3/CQL.textile:1862",
            """[CqlQuery("INSERT INTO RiderResults (rider, race, result) VALUES ('BARDET Romain', 'Tour de France', PT89H8M53S)")] Task M();"""
        },
        {
            "an ISO 8601 duration in the alternative format",
            Cassandra + "doc/cql3/CQL.textile:1863",
            """[CqlQuery("INSERT INTO RiderResults (rider, race, result) VALUES ('QUINTANA Nairo', 'Tour de France', P0000-00-00T89:09:09)")] Task M();"""
        },
        {
            "a UDT literal whose field value starts with a function call",
            "own (issue 15)",
            """[CqlQuery("INSERT INTO users (id, home) VALUES (?, {id: uuid(), street: 'Main'})")] Task M(Guid id);"""
        },
        {
            "a space after ':' in a named marker",
            "own (issue 15; Lexer.g reads ':' and the name as two tokens)",
            """[CqlQuery("SELECT id, name FROM users WHERE id = : id")] Task<User?> M(Guid id);"""
        },
        {
            "element and slice selection",
            Cassandra + "test/unit/org/apache/cassandra/cql3/validation/entities/CollectionsTest.java:1866",
            """[CqlQuery("SELECT m[1][..2] FROM t WHERE id = '1'")] Task<IReadOnlyList<string>> M();"""
        },
        {
            "a slice open at the end",
            "datastax/java-driver@a92bc7dcf:query-builder/src/test/java/com/datastax/oss/driver/api/querybuilder/select/SelectSelectorTest.java:113",
            """[CqlQuery("SELECT s[1..] FROM foo")] Task<IReadOnlyList<string>> M();"""
        },
        {
            "arithmetic in the selection",
            "own (issue 15; Parser.g selectionAddition)",
            """[CqlQuery("SELECT bar + baz AS total FROM foo")] Task<IReadOnlyList<long>> M();"""
        },
        {
            "a tuple in the selection",
            "own (issue 15; Parser.g selectionTupleOrNestedSelector)",
            """[CqlQuery("SELECT (bar, baz) AS pair FROM foo")] Task<IReadOnlyList<(int, int)>> M();"""
        },
        {
            "date arithmetic",
            Cassandra + "doc/cql3/CQL.textile:2141 (one column selected instead of *)",
            """[CqlQuery("SELECT date FROM myTable WHERE date >= currentDate() - 2d")] Task<IReadOnlyList<string>> M();"""
        },
        {
            "a string minus a duration",
            Cassandra + "doc/cql3/CQL.textile:2035 (one column selected instead of *)",
            """[CqlQuery("SELECT t FROM myTable WHERE t = '2017-01-01' - 2d")] Task<IReadOnlyList<string>> M();"""
        },
        {
            "a custom index expression",
            Cassandra + "test/unit/org/apache/cassandra/cql3/PreparedStatementsTest.java:261 (one column selected instead of *)",
            """[CqlQuery("SELECT val FROM ks.custom_expr_test WHERE expr(custom_index, ?)")] Task<IReadOnlyList<string>> M(string query);"""
        },
        {
            "IF ... CONTAINS (5.0)",
            Cassandra + "test/unit/org/apache/cassandra/cql3/validation/operations/InsertUpdateIfConditionCollectionsTest.java:1041",
            """[CqlQuery("UPDATE t SET s = null WHERE k = 0 IF s CONTAINS ?")] Task<bool> M(string element);"""
        },
        {
            "vector search with a literal",
            "apache/cassandra (trunk):test/unit/org/apache/cassandra/index/sai/cql/VectorTypeTest.java",
            """[CqlQuery("SELECT pk FROM t ORDER BY val ANN OF [2.5, 3.5, 4.5] LIMIT 1")] Task<IReadOnlyList<int>> M();"""
        },
        {
            "vector search with markers",
            "apache/cassandra (trunk):test/unit/org/apache/cassandra/index/sai/cql/VectorTypeTest.java",
            """[CqlQuery("SELECT pk FROM t ORDER BY val ann of ? LIMIT ?")] Task<IReadOnlyList<int>> M(float[] vector, int limit);"""
        },
        {
            "unreserved keywords as names",
            "own (issue 15; Lexer.g/Parser.g basic_unreserved_keyword)",
            """[CqlQuery("SELECT replace FROM t WHERE key = ?")] Task<IReadOnlyList<string>> M(int key);"""
        },
        {
            "a trailing comment that ends with a newline",
            "own (issue 15; Lexer.g COMMENT)",
            "[CqlQuery(\"SELECT id, name FROM users WHERE id = ? // by id\\n\")] Task<User?> M(Guid id);"
        },
    };

    /// <summary>Kind, source, the method, the id, the text it must point at.</summary>
    public static readonly TheoryData<string, string, string, string, string> Invalid = new()
    {
        { "a SELECT inside a BATCH", "own (issue 15)", """[CqlQuery("BEGIN BATCH SELECT * FROM t; APPLY BATCH")] Task M();""", "ACQL0100", "SELECT" },
        { "garbage inside a BATCH", "own (issue 15)", """[CqlQuery("BEGIN BATCH INSERT INTO t (k) VALUES (1); garbage; APPLY BATCH")] Task M();""", "ACQL0100", "garbage" },
        { "a BATCH without APPLY BATCH", "own (issue 15)", """[CqlQuery("BEGIN BATCH INSERT INTO t (k) VALUES (1);")] Task M();""", "ACQL0100", "" },
        { "a // comment without a newline", "own (issue 15)", """[CqlQuery("SELECT id, name FROM users WHERE id = ?; // by id")] Task<User?> M(Guid id);""", "ACQL0100", "// by id" },
        { "a -- comment without a newline", "own (issue 15)", """[CqlQuery("SELECT id, name FROM users WHERE id = ? -- by id")] Task<User?> M(Guid id);""", "ACQL0100", "-- by id" },
        { "a custom timestamp on a conditional write", Cassandra + "test/unit/org/apache/cassandra/cql3/validation/entities/TimestampTest.java:207", """[CqlQuery("INSERT INTO t (k, v) VALUES(1, 1) IF NOT EXISTS USING TIMESTAMP 5")] Task<bool> M();""", "ACQL0111", "TIMESTAMP" },
        { "a custom timestamp on a counter update", Cassandra + "test/unit/org/apache/cassandra/cql3/validation/entities/TimestampTest.java:213", """[CqlQuery("UPDATE t USING TIMESTAMP 10 SET c = c + 1 WHERE k = 0")] Task M();""", "ACQL0111", "TIMESTAMP" },
        { "null in a set literal", Cassandra + "test/unit/org/apache/cassandra/cql3/validation/miscellaneous/OverflowTest.java:62", """[CqlQuery("INSERT INTO t (k, c, v2) VALUES (0, 2, {1, null})")] Task M();""", "ACQL0111", "null" },
        { "null as a key", Cassandra + "test/unit/org/apache/cassandra/cql3/validation/miscellaneous/OverflowTest.java:63", """[CqlQuery("SELECT * FROM t WHERE k = null")] Task M();""", "ACQL0111", "null" },
        { "IS NOT NULL in a SELECT", "own (issue 15)", """[CqlQuery("SELECT id, name FROM users WHERE name IS NOT NULL ALLOW FILTERING")] Task<IReadOnlyList<User>> M();""", "ACQL0111", "IS NOT NULL" },
        { "IS is reserved", "own (issue 15; Lexer.g K_IS)", """[CqlQuery("SELECT is FROM t")] Task<IReadOnlyList<string>> M();""", "ACQL0100", "is" },
        { "MATERIALIZED is reserved", "own (issue 15; Lexer.g K_MATERIALIZED)", """[CqlQuery("SELECT materialized FROM t")] Task<IReadOnlyList<string>> M();""", "ACQL0100", "materialized" },
        { "NAN is reserved", "own (issue 15; Lexer.g K_NAN)", """[CqlQuery("INSERT INTO t (k, nan) VALUES (1, 2)")] Task M();""", "ACQL0100", "nan" },
        { "INFINITY is reserved", "own (issue 15; Lexer.g K_INFINITY)", """[CqlQuery("SELECT * FROM infinity")] Task M();""", "ACQL0100", "infinity" },
        { "a named marker spelled like LIMIT", "own (issue 15)", """[CqlQuery("SELECT id, name FROM users WHERE id = :limit")] Task<User?> M(Guid limit);""", "ACQL0100", ":limit" },
        { "a named marker spelled like FROM", "own (issue 15)", """[CqlQuery("SELECT id, name FROM users WHERE id = :from")] Task<User?> M(Guid from);""", "ACQL0100", ":from" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_statement_of_each_kind_compiles_without_a_diagnostic(string kind, string source, string method)
    {
        var result = DiagnosticCase.Run(method, null);

        var problems = result.GeneratorDiagnostics.Concat(result.CompilationDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, $"{kind} ({source}): {string.Join("; ", problems)}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_statement_of_each_kind_gets_its_diagnostic_at_its_token(string kind, string source, string method, string id, string at)
    {
        var result = DiagnosticCase.Run(method, null);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(diagnostic.Id == id, $"{kind} ({source}): {diagnostic}");
        Assert.Equal(at, DiagnosticCase.LocatedText(result, diagnostic));
    }

    [Fact]
    public void A_conditional_batch_returning_a_row_type_is_told_Task_bool_without_contradiction()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("BEGIN BATCH UPDATE users SET name = ? WHERE id = ? IF name = ?; APPLY BATCH")] Task<User?> M(string name, Guid id, string old);""", null);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ACQL0105", diagnostic.Id);
        Assert.Contains("return Task<bool>", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_statement_of_a_batch_is_read_with_its_markers()
    {
        var statement = CqlParser.Parse("BEGIN UNLOGGED BATCH USING TIMESTAMP ? INSERT INTO a (k, v) VALUES (?, ?); UPDATE b SET v = ? WHERE k = ? IF v = ?; APPLY BATCH");

        Assert.Empty(statement.Errors);
        Assert.Equal(2, statement.Statements.Count);
        Assert.True(statement.IsConditional);
        Assert.Equal(6, statement.Markers.Count);
        Assert.Equal(["a", "a", "b", "b", "b"], statement.Markers.Skip(1).Select(m => m.Table));
    }

    [Theory]
    [InlineData("SELECT id, name FROM users WHERE id NOT IN ?", "IEnumerable<Guid> ids", "NOT IN")]
    [InlineData("SELECT id, name FROM users WHERE id = ? AND name BETWEEN ? AND ?", "Guid id, string low, string high", "BETWEEN")]
    [InlineData("SELECT id, name FROM users WHERE id = ? AND name NOT CONTAINS ? ALLOW FILTERING", "Guid id, string part", "NOT CONTAINS")]
    public void A_construct_newer_than_the_followed_grammar_warns_at_the_default_target_and_is_clean_when_targeted(string cql, string parameters, string construct)
    {
        var method = $$"""[CqlQuery("{{cql}}")] Task<IReadOnlyList<User>> M({{parameters}});""";

        var atDefault = DiagnosticCase.Run(method, null);
        var warning = Assert.Single(atDefault.GeneratorDiagnostics);
        Assert.Equal(("ACQL0112", DiagnosticSeverity.Warning), (warning.Id, warning.DefaultSeverity));
        Assert.Equal(construct, DiagnosticCase.LocatedText(atDefault, warning));
        Assert.Contains("version 5.1", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var targeted = DiagnosticCase.Run(method, null, "5.1");
        Assert.Empty(targeted.GeneratorDiagnostics);
    }
}
