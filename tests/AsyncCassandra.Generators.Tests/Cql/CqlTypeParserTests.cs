using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlTypeParserTests
{
    private static CqlTypeRef Parse(string text)
    {
        var cursor = new CqlTokenCursor(CqlLexer.Tokenize(text).Tokens.AsImmutableArray());
        var type = CqlTypeParser.TryParse(cursor, out var error);
        Assert.Null(error);
        Assert.NotNull(type);
        Assert.True(cursor.AtEnd, "the whole text should be read");
        return type;
    }

    private static CqlSyntaxError Fail(string text)
    {
        var cursor = new CqlTokenCursor(CqlLexer.Tokenize(text).Tokens.AsImmutableArray());
        Assert.Null(CqlTypeParser.TryParse(cursor, out var error));
        return Assert.IsType<CqlSyntaxError>(error);
    }

    [Theory]
    [InlineData("int", "int")]
    [InlineData("TEXT", "text")]
    [InlineData("varchar", "text")]
    [InlineData("timeuuid", "timeuuid")]
    [InlineData("counter", "counter")]
    public void Native_types(string text, string name)
    {
        Assert.Equal(CqlTypeRef.Native(name), Parse(text));
        Assert.Equal(CqlTypeKind.Native, Parse(text).Kind);
    }

    [Fact]
    public void Collections_nest_and_compare_structurally()
    {
        var type = Parse("map<text, frozen<list<int>>>");
        Assert.Equal(CqlTypeRef.Map(CqlTypeRef.Native("text"), CqlTypeRef.List(CqlTypeRef.Native("int")) with { IsFrozen = true }), type);
        Assert.Equal("map<text, frozen<list<int>>>", type.ToString());
        Assert.True(type.IsCollection);
        Assert.NotEqual(Parse("map<text, list<int>>"), type);
    }

    [Fact]
    public void Set_is_a_reserved_word_but_still_a_type()
    {
        Assert.Equal(CqlTypeRef.Set(CqlTypeRef.Native("uuid")), Parse("set<uuid>"));
    }

    [Fact]
    public void Tuple_and_vector()
    {
        Assert.Equal("tuple<int, text, double>", Parse("tuple<int,text,double>").ToString());
        var vector = Parse("vector<float, 3>");
        Assert.Equal(CqlTypeKind.Vector, vector.Kind);
        Assert.Equal(3, vector.Dimension);
    }

    [Fact]
    public void User_defined_types_with_and_without_keyspace()
    {
        Assert.Equal(CqlTypeRef.UserDefined("address"), Parse("Address"));
        var qualified = Parse("frozen<ks.\"Address\">");
        Assert.Equal(CqlTypeKind.UserDefined, qualified.Kind);
        Assert.Equal("ks", qualified.Keyspace);
        Assert.Equal("Address", qualified.Name);
        Assert.True(qualified.IsFrozen);
        Assert.Equal("frozen<ks.\"Address\">", qualified.ToString());
    }

    [Fact]
    public void Custom_types_are_quoted_class_names()
    {
        var custom = Parse("'org.apache.cassandra.db.marshal.DateType'");
        Assert.Equal(CqlTypeKind.Custom, custom.Kind);
        Assert.Equal("org.apache.cassandra.db.marshal.DateType", custom.Name);
    }

    [Fact]
    public void Errors_say_what_was_expected()
    {
        Assert.Equal("expected '>' to close list<...>, found the end of the text", Fail("list<int").Message);
        Assert.Equal("map takes 2 type arguments, found 1", Fail("map<int>").Message);
        Assert.Equal("expected a type, found FROM", Fail("FROM").Message);
    }
}
