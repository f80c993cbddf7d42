using AsyncCassandra.Generators.Cql;
using static AsyncCassandra.Generators.Tests.Cql.ParseAssert;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlParserSelectTests
{
    [Fact]
    public void Simple_select_reads_columns_table_and_marker()
    {
        const string cql = "SELECT id, name, email, created_at FROM users WHERE id = ?";
        var s = Valid(cql);

        Assert.Equal(CqlStatementKind.Select, s.Kind);
        Assert.True(s.IsSelect);
        Assert.False(s.IsWrite);
        Assert.Null(s.Keyspace);
        Assert.Equal("users", s.Table);
        Assert.Equal(["id", "name", "email", "created_at"], s.Selectors.Select(c => c.ResultName));
        Assert.All(s.Selectors, c => Assert.Equal(CqlSelectorKind.Column, c.Kind));
        Assert.All(s.Selectors, c => Assert.False(c.IsExpression));

        var marker = Assert.Single(s.Markers);
        Assert.Equal(0, marker.Index);
        Assert.False(marker.IsNamed);
        Assert.Equal("id", marker.Name);
        Assert.Equal("id", marker.Column);
        Assert.Equal(CqlMarkerRole.Value, marker.Role);
        Assert.Equal(CqlClause.Where, marker.Clause);
        Assert.Equal(cql.Length - 1, marker.Offset);
        Assert.Equal(1, marker.Length);
        Assert.Equal(CqlMarkerStyle.Positional, s.MarkerStyle);
    }

    [Fact]
    public void Selector_offsets_cover_the_selector_text()
    {
        const string cql = "SELECT id, writetime(name) AS wt, count(*) FROM t";
        var s = Valid(cql);
        Assert.Equal(["id", "writetime(name) AS wt", "count(*)"], s.Selectors.Select(c => cql.Substring(c.Offset, c.Length)));
    }

    [Fact]
    public void Keyspace_qualified_and_quoted_names()
    {
        var s = Valid("SELECT \"UserId\", Name FROM App.\"Users\"");
        Assert.Equal("app", s.Keyspace);
        Assert.Equal("Users", s.Table);
        Assert.Equal(["UserId", "name"], s.Selectors.Select(c => c.ResultName));
    }

    [Fact]
    public void Select_star()
    {
        var s = Valid("SELECT * FROM users");
        Assert.True(s.IsSelectStar);
        var star = Assert.Single(s.Selectors);
        Assert.Equal(CqlSelectorKind.Star, star.Kind);
        Assert.Equal("*", star.ResultName);
    }

    [Fact]
    public void Distinct_and_json()
    {
        var s = Valid("SELECT JSON DISTINCT pk FROM t");
        Assert.True(s.IsJson);
        Assert.True(s.IsDistinct);
        Assert.Equal("pk", Assert.Single(s.Selectors).ResultName);
    }

    [Fact]
    public void Json_and_distinct_can_be_column_names()
    {
        var s = Valid("SELECT json, distinct FROM t");
        Assert.False(s.IsJson);
        Assert.False(s.IsDistinct);
        Assert.Equal(["json", "distinct"], s.Selectors.Select(c => c.ResultName));
    }

    [Fact]
    public void Aliases_rename_the_result()
    {
        var s = Valid("SELECT created_at AS \"createdAt\", name AS n FROM t");
        Assert.Equal(["createdAt", "n"], s.Selectors.Select(c => c.ResultName));
        Assert.Equal(["created_at", "name"], s.Selectors.Select(c => c.Column));
        Assert.Equal(["createdAt", "n"], s.Selectors.Select(c => c.Alias));
    }

    [Theory]
    [InlineData("count(*)", "count", null)]
    [InlineData("COUNT(1)", "count", null)]
    [InlineData("count(x)", "count(x)", null)]
    [InlineData("writetime(name)", "writetime(name)", "name")]
    [InlineData("TTL(name)", "ttl(name)", "name")]
    [InlineData("token(a, b)", "token(a, b)", null)]
    [InlineData("toJson(m)", "tojson(m)", null)]
    [InlineData("ks.myfn(a, 3)", "ks.myfn(a, 3)", null)]
    [InlineData("max(v)", "max(v)", null)]
    public void Function_selectors_are_expressions_with_result_names(string selector, string resultName, string? column)
    {
        var s = Valid($"SELECT {selector} FROM t");
        var item = Assert.Single(s.Selectors);
        Assert.Equal(CqlSelectorKind.Function, item.Kind);
        Assert.True(item.IsExpression);
        Assert.Equal(resultName, item.ResultName);
        Assert.Equal(column, item.Column);
    }

    [Fact]
    public void Quoted_function_names_keep_their_case()
    {
        var s = Valid("SELECT \"MyFn\"(a), ks.\"Other\"(b) FROM t");
        Assert.Equal(["MyFn(a)", "ks.Other(b)"], s.Selectors.Select(c => c.ResultName));
    }

    [Fact]
    public void Count_star_with_alias()
    {
        var item = Assert.Single(Valid("SELECT COUNT(*) AS total FROM t").Selectors);
        Assert.Equal("total", item.ResultName);
        Assert.Equal("count", item.Function);
    }

    [Fact]
    public void Cast_selector()
    {
        var item = Assert.Single(Valid("SELECT CAST(v AS text) FROM t").Selectors);
        Assert.Equal(CqlSelectorKind.Cast, item.Kind);
        Assert.Equal("cast(v as text)", item.ResultName);
        Assert.Equal("v", item.Column);
        Assert.Equal(CqlTypeRef.Native("text"), item.CastType);
    }

    [Fact]
    public void Field_selector_of_a_user_type_column()
    {
        var item = Assert.Single(Valid("SELECT address.city FROM t").Selectors);
        Assert.Equal(CqlSelectorKind.Field, item.Kind);
        Assert.Equal("address.city", item.ResultName);
        Assert.Equal("address", item.Column);
    }

    [Fact]
    public void Where_relations_with_every_operator()
    {
        const string cql = "SELECT a FROM t WHERE a = ? AND b < ? AND c > ? AND d <= ? AND e >= ? AND f != ?";
        var s = Valid(cql);
        Assert.Equal(
            [CqlOperator.Equal, CqlOperator.LessThan, CqlOperator.GreaterThan, CqlOperator.LessThanOrEqual, CqlOperator.GreaterThanOrEqual, CqlOperator.NotEqual],
            s.Where.Select(r => r.Operator));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], s.Markers.Select(m => m.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5], s.Markers.Select(m => m.Index));
        Assert.All(s.Markers, m => Assert.Equal("?", TextOf(cql, m)));
        Assert.Equal(cql.IndexOf("c > ?", StringComparison.Ordinal) + 4, s.Markers[2].Offset);
    }

    [Fact]
    public void In_marker_is_a_list_of_the_column()
    {
        var s = Valid("SELECT id, name FROM users WHERE id IN ?");
        var marker = Assert.Single(s.Markers);
        Assert.Equal("id", marker.Name);
        Assert.Equal("id", marker.Column);
        Assert.True(marker.IsInList);
        Assert.Equal(CqlMarkerRole.InList, marker.Role);
        Assert.Equal(CqlOperator.In, Assert.Single(s.Where).Operator);
    }

    [Fact]
    public void In_list_of_markers_binds_each_to_the_column()
    {
        var s = Valid("SELECT a FROM t WHERE id IN (?, :second, 3)");
        Assert.Equal(2, s.Markers.Count);
        Assert.Equal(("id", "id", CqlMarkerRole.Value), Markers(s)[0]);
        Assert.Equal(("second", "id", CqlMarkerRole.Value), Markers(s)[1]);
        Assert.All(s.Markers, m => Assert.False(m.IsInList));
    }

    [Fact]
    public void Contains_and_contains_key()
    {
        var s = Valid("SELECT a FROM t WHERE tags CONTAINS ? AND props CONTAINS KEY ? ALLOW FILTERING");
        Assert.Equal([CqlOperator.Contains, CqlOperator.ContainsKey], s.Where.Select(r => r.Operator));
        Assert.Equal(
            [("value(tags)", "tags", CqlMarkerRole.CollectionElement), ("key(props)", "props", CqlMarkerRole.CollectionKey)],
            Markers(s));
        Assert.True(s.AllowFiltering);
    }

    [Fact]
    public void Token_relation_binds_the_partition_token()
    {
        var s = Valid("SELECT a FROM t WHERE token(a, b) > ? AND token(a, b) <= token(?, ?)");
        Assert.All(s.Where, r => Assert.Equal(CqlRelationTarget.Token, r.Target));
        Assert.Equal(["a", "b"], s.Where[0].Columns);
        Assert.Equal(
            [("partition key token", null, CqlMarkerRole.Token), ("a", "a", CqlMarkerRole.Value), ("b", "b", CqlMarkerRole.Value)],
            Markers(s));
    }

    [Fact]
    public void Tuple_relations_bind_each_column()
    {
        var s = Valid("SELECT a FROM t WHERE k = ? AND (c1, c2) > (?, ?) AND (c1, c2) < ?");
        Assert.Equal(CqlRelationTarget.ColumnTuple, s.Where[1].Target);
        Assert.Equal(["c1", "c2"], s.Where[1].Columns);
        Assert.Equal(
            [("k", "k", CqlMarkerRole.Value), ("c1", "c1", CqlMarkerRole.Value), ("c2", "c2", CqlMarkerRole.Value), ("(c1, c2)", null, CqlMarkerRole.ColumnTuple)],
            Markers(s));
    }

    [Fact]
    public void Tuple_in_relations()
    {
        var s = Valid("SELECT a FROM t WHERE k = 1 AND (c1, c2) IN ((?, ?), (1, 2)) AND (c3, c4) IN ?");
        Assert.Equal(["c1", "c2", "(c3, c4)"], s.Markers.Select(m => m.Name));
        Assert.True(s.Markers[2].IsInList);
    }

    [Fact]
    public void Map_element_restriction()
    {
        var s = Valid("SELECT a FROM t WHERE m[?] = ? ALLOW FILTERING");
        Assert.Equal(CqlRelationTarget.Element, Assert.Single(s.Where).Target);
        Assert.Equal([("key(m)", "m", CqlMarkerRole.ElementKey), ("value(m)", "m", CqlMarkerRole.ElementValue)], Markers(s));
    }

    [Fact]
    public void Group_order_per_partition_limit_limit_and_allow_filtering()
    {
        const string cql = "SELECT a, max(b) FROM t WHERE a = ? GROUP BY a, c ORDER BY c DESC, d ASC PER PARTITION LIMIT ? LIMIT ? ALLOW FILTERING";
        var s = Valid(cql);
        Assert.Equal(["a", "c"], s.GroupBy);
        Assert.Equal([new CqlOrdering("c", true), new CqlOrdering("d", false)], s.OrderBy);
        Assert.True(s.HasPerPartitionLimit);
        Assert.True(s.HasLimit);
        Assert.Null(s.Limit);
        Assert.True(s.AllowFiltering);
        Assert.Equal(
            [("a", "a", CqlMarkerRole.Value), ("[per_partition_limit]", null, CqlMarkerRole.PerPartitionLimit), ("[limit]", null, CqlMarkerRole.Limit)],
            Markers(s));
        Assert.Equal(CqlClause.Limit, s.Markers[2].Clause);
        Assert.Equal(cql.LastIndexOf('?'), s.Markers[2].Offset);
    }

    [Fact]
    public void Literal_limit_is_kept()
    {
        var s = Valid("SELECT a FROM t LIMIT 10;");
        Assert.True(s.HasLimit);
        Assert.Equal(10, s.Limit);
        Assert.Empty(s.Markers);
    }

    [Fact]
    public void Named_markers_keep_their_names_and_know_their_column()
    {
        const string cql = "SELECT a FROM t WHERE UserId = :UserId AND day = :\"Day\" LIMIT :max";
        var s = Valid(cql);
        Assert.Equal(CqlMarkerStyle.Named, s.MarkerStyle);
        Assert.All(s.Markers, m => Assert.True(m.IsNamed));
        Assert.Equal([("userid", "userid", CqlMarkerRole.Value), ("Day", "day", CqlMarkerRole.Value), ("max", null, CqlMarkerRole.Limit)], Markers(s));
        Assert.Equal([":UserId", ":\"Day\"", ":max"], s.Markers.Select(m => TextOf(cql, m)));
    }

    [Fact]
    public void Mixed_marker_styles_are_detected()
    {
        Assert.Equal(CqlMarkerStyle.Mixed, Valid("SELECT a FROM t WHERE a = ? AND b = :b").MarkerStyle);
        Assert.Equal(CqlMarkerStyle.None, Valid("SELECT a FROM t").MarkerStyle);
    }

    [Fact]
    public void Markers_in_function_calls_are_named_after_the_argument()
    {
        var s = Valid("SELECT a FROM t WHERE k = ? AND ts > maxTimeuuid(?)");
        Assert.Equal(("arg0(maxtimeuuid)", null, CqlMarkerRole.FunctionArgument), Markers(s)[1]);
        Assert.Equal(CqlClause.Where, s.Markers[1].Clause);
    }

    [Fact]
    public void Type_hint_keeps_the_receiver()
    {
        var s = Valid("SELECT a FROM t WHERE k = (int) ?");
        Assert.Equal(("k", "k", CqlMarkerRole.Value), Assert.Single(Markers(s)));
    }

    [Fact]
    public void Literals_of_every_kind_in_relations()
    {
        var s = Valid(
            "SELECT a FROM t WHERE a = 'x' AND b = -1 AND c = 1.5e3 AND d = 0xff AND e = true AND f = 123e4567-e89b-12d3-a456-426614174000 " +
            "AND g = [1, 2] AND h = {'a': 1} AND i = {1, 2} AND j = (1, 'b') AND k = null AND l = 1h30m AND m = {street: 'x'} ALLOW FILTERING");
        Assert.Equal(13, s.Where.Count);
        Assert.Empty(s.Markers);
    }

    [Fact]
    public void Comments_and_whitespace_are_ignored()
    {
        var s = Valid("SELECT a -- first\n, b /* second */ FROM t // done\n");
        Assert.Equal(["a", "b"], s.Selectors.Select(c => c.ResultName));
    }

    [Fact]
    public void Statements_compare_by_value()
    {
        Assert.Equal(CqlParser.Parse("SELECT a FROM t WHERE id = ?"), CqlParser.Parse("SELECT a FROM t WHERE id = ?"));
        Assert.Equal(CqlParser.Parse("SELECT a FROM t WHERE id = ?").GetHashCode(), CqlParser.Parse("SELECT a FROM t WHERE id = ?").GetHashCode());
        Assert.NotEqual(CqlParser.Parse("SELECT a FROM t WHERE id = ?"), CqlParser.Parse("SELECT a FROM t WHERE id  = ?"));
    }
}
