using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Tests.Schema;

public class CqlSchemaLookupTests
{
    private static readonly CqlSchema Schema = SchemaParser.Parse("""
        CREATE TABLE a.users (id uuid PRIMARY KEY, "Name" text);
        CREATE TABLE b.users (id uuid PRIMARY KEY);
        CREATE TABLE a.orders (id uuid PRIMARY KEY);
        CREATE TYPE b.address (city text);
        """);

    [Fact]
    public void Qualified_lookup()
    {
        var lookup = Schema.FindTable("a", "users");
        Assert.Equal(TableLookupStatus.Found, lookup.Status);
        Assert.Equal("a", lookup.Table!.Keyspace);
    }

    [Fact]
    public void Unknown_keyspace_and_table()
    {
        Assert.Equal(TableLookupStatus.UnknownKeyspace, Schema.FindTable("c", "users").Status);
        Assert.Equal(TableLookupStatus.UnknownTable, Schema.FindTable("b", "orders").Status);
        Assert.Equal(TableLookupStatus.UnknownTable, Schema.FindTable(null, "nothing").Status);
    }

    [Fact]
    public void Unqualified_lookup_must_be_unambiguous()
    {
        Assert.Equal(TableLookupStatus.Ambiguous, Schema.FindTable(null, "users").Status);
        Assert.Null(Schema.FindTable(null, "users").Table);
        Assert.Equal("a", Schema.FindTable(null, "orders").Table!.Keyspace);
    }

    [Fact]
    public void Lookups_use_normalized_names()
    {
        var users = Schema.FindTable("a", CqlIdentifier.Normalize("USERS")).Table!;
        Assert.NotNull(users.FindColumn(CqlIdentifier.Normalize("\"Name\"")));
        Assert.Null(users.FindColumn(CqlIdentifier.Normalize("Name")));
    }

    [Fact]
    public void Types_by_keyspace_or_anywhere()
    {
        Assert.NotNull(Schema.FindType("b", "address"));
        Assert.NotNull(Schema.FindType(null, "address"));
        Assert.Null(Schema.FindType("a", "address"));
    }
}
