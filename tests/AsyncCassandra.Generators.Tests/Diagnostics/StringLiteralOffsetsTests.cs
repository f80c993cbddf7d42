using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Tests.Diagnostics;

public class StringLiteralOffsetsTests
{
    // The literal's token as Roslyn reads it from `class C { const string S = <literal>; }`.
    private static SyntaxToken Literal(string literal)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { const string S = " + literal + "; }");
        Assert.Empty(tree.GetDiagnostics());
        return tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single().Token;
    }

    public static TheoryData<string> Literals() => new()
    {
        "\"SELECT id FROM users WHERE id = ?\"",
        "\"SELECT \\\"Name\\\" FROM t WHERE a = '\\t' AND b = ?\"",
        "\"\\u0053ELECT a FROM t WHERE \\x41 = ? AND c = '\\U0001F600'\"",
        "@\"SELECT \"\"Name\"\"\r\nFROM t WHERE id = ?\"",
        "\"\"\"SELECT \"Name\" FROM t WHERE id = ?\"\"\"",
        "\"\"\"\n        SELECT id\n          FROM users\n\n        WHERE id = ?\n        \"\"\"",
        "\"\"\"\r\n    SELECT id\r\n    FROM t\r\n    \"\"\"",
        "\"\"\"\"\n    SELECT '\"\"\"' FROM t\n    \"\"\"\"",
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Every_value_character_maps_to_where_it_is_written(string literal)
    {
        var token = Literal(literal);
        var value = token.ValueText;
        var source = token.Text;
        var map = StringLiteralOffsets.TryBuild(source);

        Assert.NotNull(map);
        Assert.Equal(value.Length + 1, map.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var written = source[map[i]];
            if (written != '\\')
            {
                Assert.Equal(value[i], written);
            }

            if (i > 0)
            {
                Assert.True(map[i] >= map[i - 1], $"offsets must not go backwards at {i}");
            }
        }

        Assert.True(map[^1] <= source.Length);
    }

    [Fact]
    public void A_cql_error_offset_lands_on_the_offending_word_in_source()
    {
        var token = Literal("@\"SELECT \"\"Id\"\", name\r\n    WHERE id = ?\"");
        var statement = CqlParser.Parse(token.ValueText);
        var error = Assert.Single(statement.Errors);
        var map = StringLiteralOffsets.TryBuild(token.Text)!;

        var start = map[error.Offset];
        var end = map[error.Offset + error.Length];
        Assert.Equal("WHERE", token.Text[start..end]);
    }

    [Theory]
    [InlineData("$\"SELECT {x}\"")]
    [InlineData("'c'")]
    public void Other_literals_are_not_mapped(string source)
    {
        Assert.Null(StringLiteralOffsets.TryBuild(source));
    }
}
