using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Tests.Schema;

public class SchemaParserTests
{
    private const string AppSchema = """
        -- the application's schema
        CREATE KEYSPACE IF NOT EXISTS app
            WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true;
        USE app;

        CREATE TYPE address (street text, city text, zip int);

        /* users by id */
        CREATE TABLE users (
            id uuid PRIMARY KEY,
            name text,
            Email varchar,
            "DisplayName" text,
            tags set<text>,
            scores map<text, frozen<list<int>>>,
            home frozen<address>,
            pair tuple<int, text>,
            created_at timestamp
        ) WITH comment = 'users; with a semicolon';

        CREATE TABLE app.events (
            tenant text,
            day date,
            at timeuuid,
            kind text STATIC,
            payload blob,
            PRIMARY KEY ((tenant, day), at, kind)
        ) WITH CLUSTERING ORDER BY (at DESC);

        CREATE INDEX IF NOT EXISTS users_name ON users (name);
        CREATE FUNCTION f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$;
        """;

    private static CqlSchema Valid(string text)
    {
        var schema = SchemaParser.Parse(text);
        Assert.True(schema.Errors.Count == 0, string.Join("; ", schema.Errors.Select(e => e.Message)));
        return schema;
    }

    [Fact]
    public void Reads_keyspaces_tables_columns_and_types()
    {
        var schema = Valid(AppSchema);
        var app = Assert.Single(schema.Keyspaces);
        Assert.Equal("app", app.Name);
        Assert.Equal(["users", "events"], app.Tables.Select(t => t.Name));

        var users = app.FindTable("users")!;
        Assert.Equal("app", users.Keyspace);
        Assert.Equal(["id", "name", "email", "DisplayName", "tags", "scores", "home", "pair", "created_at"], users.Columns.Select(c => c.Name));
        Assert.Equal(["id"], users.PartitionKey);
        Assert.Empty(users.ClusteringColumns);
        Assert.Equal(ColumnKind.PartitionKey, users.FindColumn("id")!.Kind);
        Assert.Equal(CqlTypeRef.Native("text"), users.FindColumn("email")!.Type);
        Assert.Equal("set<text>", users.FindColumn("tags")!.Type.ToString());
        Assert.Equal("map<text, frozen<list<int>>>", users.FindColumn("scores")!.Type.ToString());
        Assert.Equal(CqlTypeRef.UserDefined("address") with { IsFrozen = true }, users.FindColumn("home")!.Type);
        Assert.Equal(CqlTypeKind.Tuple, users.FindColumn("pair")!.Type.Kind);
        Assert.Null(users.FindColumn("displayname"));

        var address = app.FindType("address")!;
        Assert.Equal(["street", "city", "zip"], address.Fields.Select(f => f.Name));
        Assert.Equal(CqlTypeRef.Native("int"), address.FindField("zip")!.Type);
    }

    [Fact]
    public void Compound_primary_keys_and_static_columns()
    {
        var events = Valid(AppSchema).FindTable("app", "events").Table!;
        Assert.Equal(["tenant", "day"], events.PartitionKey);
        Assert.Equal(["at", "kind"], events.ClusteringColumns);
        Assert.Equal(
            [ColumnKind.PartitionKey, ColumnKind.PartitionKey, ColumnKind.Clustering, ColumnKind.Clustering, ColumnKind.Regular],
            events.Columns.Select(c => c.Kind));
        Assert.True(events.FindColumn("tenant")!.IsPrimaryKey);
    }

    [Fact]
    public void Single_partition_key_with_clustering_and_static()
    {
        var table = Valid("CREATE TABLE t (k int, c int, s text static, v counter, PRIMARY KEY (k, c))").FindTable(null, "t").Table!;
        Assert.Equal(["k"], table.PartitionKey);
        Assert.Equal(["c"], table.ClusteringColumns);
        Assert.Equal(ColumnKind.Static, table.FindColumn("s")!.Kind);
        Assert.True(table.IsCounterTable);
    }

    [Fact]
    public void Tables_without_a_keyspace_go_to_the_unnamed_keyspace()
    {
        var schema = Valid("CREATE TABLE t (k int PRIMARY KEY)");
        Assert.Equal(string.Empty, Assert.Single(schema.Keyspaces).Name);
        Assert.Equal(TableLookupStatus.Found, schema.FindTable(null, "t").Status);
    }

    [Fact]
    public void Use_switches_the_keyspace_of_later_tables()
    {
        var schema = Valid("USE a; CREATE TABLE t (k int PRIMARY KEY); USE b; CREATE TABLE t (k text PRIMARY KEY); CREATE TABLE a.u (k int PRIMARY KEY);");
        Assert.Equal(["a", "b"], schema.Keyspaces.Select(k => k.Name));
        Assert.Equal(["t", "u"], schema.FindKeyspace("a")!.Tables.Select(t => t.Name));
        Assert.Equal(CqlTypeRef.Native("text"), schema.FindTable("b", "t").Table!.FindColumn("k")!.Type);
    }

    [Fact]
    public void Alter_table_adds_and_drops_columns()
    {
        var table = Valid("""
            CREATE TABLE t (k int PRIMARY KEY, a text, b text);
            ALTER TABLE t ADD c list<int>;
            ALTER TABLE t ADD (d int, e text);
            ALTER TABLE t DROP a;
            ALTER TABLE t WITH comment = 'x';
            """).FindTable(null, "t").Table!;
        Assert.Equal(["k", "b", "c", "d", "e"], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Duplicate_table_with_if_not_exists_keeps_the_first()
    {
        var schema = Valid("CREATE TABLE t (k int PRIMARY KEY); CREATE TABLE IF NOT EXISTS t (k text PRIMARY KEY);");
        Assert.Equal(CqlTypeRef.Native("int"), schema.FindTable(null, "t").Table!.FindColumn("k")!.Type);
    }

    [Fact]
    public void Errors_are_located_and_reading_continues()
    {
        const string text = "CREATE TABLE bad (k int PRIMARY KEY, v lst<int>);\nCREATE TABLE good (k int PRIMARY KEY);";
        var schema = SchemaParser.Parse(text);
        var error = Assert.Single(schema.Errors);
        Assert.Equal("expected ',' or ')' in the definition of table bad, found '<'", error.Message);
        Assert.Equal(text.IndexOf('<'), error.Offset);
        Assert.Equal(TableLookupStatus.UnknownTable, schema.FindTable(null, "bad").Status);
        Assert.Single(schema.Keyspaces);
        Assert.Equal(TableLookupStatus.Found, schema.FindTable(null, "good").Status);
    }

    [Theory]
    [InlineData("CREATE TABLE t (k int, v text)", "table t has no PRIMARY KEY", "t")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY, k text)", "column k is declared twice", "k text")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY, PRIMARY KEY (k))", "the table already has a PRIMARY KEY", "PRIMARY KEY (k)")]
    [InlineData("CREATE TABLE t (k int, PRIMARY KEY (x))", "the primary key names x, which is not a column of t", "t")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY); CREATE TABLE t (k int PRIMARY KEY)", "table t is already defined", "t (k int PRIMARY KEY)")]
    [InlineData("CREATE TABLE t (from int PRIMARY KEY)", "found FROM (a reserved word: write \"from\"", "from")]
    [InlineData("ALTER TABLE nope ADD x int", "ALTER TABLE names nope, which is not defined above it", "nope")]
    [InlineData("USE ks CREATE TABLE t (k int PRIMARY KEY)", "expected ';' after the USE statement", "CREATE")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY) CREATE TABLE u (k int PRIMARY KEY)", "expected ';' after the CREATE TABLE statement", "CREATE TABLE u")]
    [InlineData("CREATE TYPE a (x int) garbage", "expected ';' after the CREATE TYPE statement", "garbage")]
    public void Schema_errors(string text, string message, string at)
    {
        var error = Assert.Single(SchemaParser.Parse(text).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var expected = at == "t (k int PRIMARY KEY)" ? text.LastIndexOf(at, StringComparison.Ordinal) : text.IndexOf(at, StringComparison.Ordinal);
        Assert.Equal(expected, error.Offset);
    }

    [Fact]
    public void A_failed_statement_declares_no_keyspace()
    {
        var schema = SchemaParser.Parse("CREATE TABLE ks.t (k int PRIMARY KEY, v lst<int>);");
        Assert.Single(schema.Errors);
        Assert.Empty(schema.Keyspaces);
        Assert.Equal(TableLookupStatus.UnknownKeyspace, schema.FindTable("ks", "t").Status);
    }

    [Fact]
    public void Trailing_comma_and_table_options()
    {
        var table = Valid("CREATE TABLE t (k int, c int, PRIMARY KEY ((k), c),) WITH COMPACT STORAGE AND CLUSTERING ORDER BY (c DESC);")
            .FindTable(null, "t").Table!;
        Assert.Equal(["k"], table.PartitionKey);
        Assert.Equal(["c"], table.ClusteringColumns);
    }

    [Fact]
    public void Lexer_errors_surface_as_schema_errors()
    {
        var schema = SchemaParser.Parse("CREATE TABLE t (k int PRIMARY KEY) WITH comment = 'open");
        Assert.Contains(schema.Errors, e => e.Message.StartsWith("unterminated string", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_statements_are_ignored()
    {
        var schema = Valid("""
            CREATE MATERIALIZED VIEW v AS SELECT * FROM t WHERE k IS NOT NULL PRIMARY KEY (k);
            INSERT INTO t (k) VALUES (1);
            DROP TABLE x;
            GRANT SELECT ON ALL KEYSPACES TO r;
            """);
        Assert.Empty(schema.Keyspaces);
    }

    [Fact]
    public void Schemas_compare_by_value()
    {
        Assert.Equal(SchemaParser.Parse(AppSchema), SchemaParser.Parse(AppSchema));
        Assert.Equal(SchemaParser.Parse(AppSchema).GetHashCode(), SchemaParser.Parse(AppSchema).GetHashCode());
        Assert.NotEqual(SchemaParser.Parse(AppSchema), SchemaParser.Parse(AppSchema.Replace("zip int", "zip text", StringComparison.Ordinal)));
    }
}
