using AsyncCassandra.Generators.Cql;
using static AsyncCassandra.Generators.Tests.Cql.ParseAssert;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlParserModificationTests
{
    [Fact]
    public void Insert_values_take_the_column_at_their_position()
    {
        const string cql = "INSERT INTO ks.users (id, name, email) VALUES (?, ?, 'none')";
        var s = Valid(cql);
        Assert.Equal(CqlStatementKind.Insert, s.Kind);
        Assert.True(s.IsWrite);
        Assert.Equal("ks", s.Keyspace);
        Assert.Equal("users", s.Table);
        Assert.Equal(["id", "name", "email"], s.Columns);
        Assert.Equal([("id", "id", CqlMarkerRole.Value), ("name", "name", CqlMarkerRole.Value)], Markers(s));
        Assert.All(s.Markers, m => Assert.Equal(CqlClause.Values, m.Clause));
        Assert.Equal([cql.IndexOf('?'), cql.LastIndexOf('?')], s.Markers.Select(m => m.Offset));
        Assert.False(s.IsConditional);
    }

    [Fact]
    public void Insert_with_named_markers()
    {
        var s = Valid("INSERT INTO users (id, name, email, created_at) VALUES (:id, :name, :email, :created_at)");
        Assert.Equal(CqlMarkerStyle.Named, s.MarkerStyle);
        Assert.Equal(["id", "name", "email", "created_at"], s.Markers.Select(m => m.Name));
        Assert.Equal(["id", "name", "email", "created_at"], s.Markers.Select(m => m.Column));
    }

    [Fact]
    public void Insert_if_not_exists_is_conditional()
    {
        var s = Valid("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS");
        Assert.True(s.IsConditional);
        Assert.Equal(CqlConditionKind.IfNotExists, s.Condition);
    }

    [Fact]
    public void Insert_using_ttl_and_timestamp_markers()
    {
        const string cql = "INSERT INTO t (a) VALUES (?) IF NOT EXISTS USING TTL ? AND TIMESTAMP :ts";
        var s = Valid(cql);
        Assert.True(s.HasTtl);
        Assert.True(s.HasTimestamp);
        Assert.Equal([("a", "a", CqlMarkerRole.Value), ("[ttl]", null, CqlMarkerRole.Ttl), ("ts", null, CqlMarkerRole.Timestamp)], Markers(s));
        Assert.Equal(CqlClause.Using, s.Markers[1].Clause);
    }

    [Fact]
    public void Insert_using_literal_ttl()
    {
        var s = Valid("INSERT INTO t (a) VALUES (?) USING TTL 86400");
        Assert.True(s.HasTtl);
        Assert.Single(s.Markers);
    }

    [Fact]
    public void Insert_json()
    {
        var s = Valid("INSERT INTO t JSON ? DEFAULT UNSET");
        Assert.True(s.IsJson);
        Assert.Equal(("[json]", null, CqlMarkerRole.Json), Assert.Single(Markers(s)));
    }

    [Fact]
    public void Insert_collection_literals_with_markers()
    {
        var s = Valid("INSERT INTO t (id, tags, props, pair) VALUES (?, {?, ?}, {?: ?}, (?, 1))");
        Assert.Equal(
            [
                ("id", "id", CqlMarkerRole.Value),
                ("value(tags)", "tags", CqlMarkerRole.CollectionElement),
                ("value(tags)", "tags", CqlMarkerRole.CollectionElement),
                ("key(props)", "props", CqlMarkerRole.CollectionKey),
                ("value(props)", "props", CqlMarkerRole.CollectionElement),
                ("pair[0]", "pair", CqlMarkerRole.TupleElement),
            ],
            Markers(s));
    }

    [Fact]
    public void Insert_function_values()
    {
        var s = Valid("INSERT INTO t (id, created, m) VALUES (uuid(), toTimestamp(now()), {'a':now()})");
        Assert.Empty(s.Markers);
        Assert.Equal(["id", "created", "m"], s.Columns);
    }

    [Fact]
    public void Update_set_where_and_using()
    {
        const string cql = "UPDATE users USING TTL ? SET name = ?, email = :email WHERE id = ?";
        var s = Valid(cql);
        Assert.Equal(CqlStatementKind.Update, s.Kind);
        Assert.Equal("users", s.Table);
        Assert.Equal(["name", "email"], s.Columns);
        Assert.Equal([new CqlAssignment("name", CqlAssignmentKind.Set), new CqlAssignment("email", CqlAssignmentKind.Set)], s.Assignments);
        Assert.Equal(
            [("[ttl]", null, CqlMarkerRole.Ttl), ("name", "name", CqlMarkerRole.Value), ("email", "email", CqlMarkerRole.Value), ("id", "id", CqlMarkerRole.Value)],
            Markers(s));
        Assert.Equal([CqlClause.Using, CqlClause.Set, CqlClause.Set, CqlClause.Where], s.Markers.Select(m => m.Clause));
        Assert.False(s.IsConditional);
        Assert.False(s.IsCounterUpdate);
    }

    [Theory]
    [InlineData("UPDATE t SET c = c + 1 WHERE k = ?")]
    [InlineData("UPDATE t SET c = c - 5 WHERE k = ?")]
    [InlineData("UPDATE t SET c = c + -1 WHERE k = ?")]
    [InlineData("UPDATE t SET c += 1 WHERE k = ?")]
    public void Counter_updates_with_a_literal_are_detected(string cql)
    {
        var s = Valid(cql);
        Assert.True(s.IsCounterUpdate);
        Assert.Equal("c", Assert.Single(s.Assignments).Column);
    }

    [Fact]
    public void Increment_by_marker_is_an_add_but_not_certainly_a_counter()
    {
        var s = Valid("UPDATE t SET c = c + ? WHERE k = ?");
        Assert.False(s.IsCounterUpdate);
        Assert.Equal(new CqlAssignment("c", CqlAssignmentKind.Add), Assert.Single(s.Assignments));
        Assert.Equal(("c", "c", CqlMarkerRole.Value), Markers(s)[0]);
    }

    [Fact]
    public void Collection_operations()
    {
        var s = Valid("UPDATE t SET l = l + [?], s = s - {?}, p = [?] + p, m[?] = ?, addr.city = ? WHERE k = ?");
        Assert.Equal(
            [CqlAssignmentKind.Add, CqlAssignmentKind.Subtract, CqlAssignmentKind.Prepend, CqlAssignmentKind.SetElement, CqlAssignmentKind.SetField],
            s.Assignments.Select(a => a.Kind));
        Assert.False(s.IsCounterUpdate);
        Assert.Equal(
            [
                ("value(l)", "l", CqlMarkerRole.CollectionElement),
                ("value(s)", "s", CqlMarkerRole.CollectionElement),
                ("value(p)", "p", CqlMarkerRole.CollectionElement),
                ("key(m)", "m", CqlMarkerRole.ElementKey),
                ("value(m)", "m", CqlMarkerRole.ElementValue),
                ("addr.city", "addr", CqlMarkerRole.Field),
                ("k", "k", CqlMarkerRole.Value),
            ],
            Markers(s));
    }

    [Fact]
    public void Update_if_exists()
    {
        var s = Valid("UPDATE t SET a = ? WHERE k = ? IF EXISTS");
        Assert.True(s.IsConditional);
        Assert.Equal(CqlConditionKind.IfExists, s.Condition);
    }

    [Fact]
    public void Update_if_conditions_mark_their_markers_conditional()
    {
        var s = Valid("UPDATE t SET a = ? WHERE k = ? IF a = ? AND b IN (?, ?) AND m[?] = ?");
        Assert.Equal(CqlConditionKind.IfConditions, s.Condition);
        Assert.Equal(["a", "b", "m"], s.Conditions.SelectMany(c => c.Columns));
        Assert.Equal([false, false, true, true, true, true, true], s.Markers.Select(m => m.IsConditional));
        Assert.Equal(["a", "k", "a", "b", "b", "key(m)", "value(m)"], s.Markers.Select(m => m.Name));
    }

    [Fact]
    public void Delete_whole_row()
    {
        var s = Valid("DELETE FROM users WHERE id = ?");
        Assert.Equal(CqlStatementKind.Delete, s.Kind);
        Assert.Empty(s.Columns);
        Assert.Equal(("id", "id", CqlMarkerRole.Value), Assert.Single(Markers(s)));
    }

    [Fact]
    public void Delete_columns_elements_and_timestamp()
    {
        var s = Valid("DELETE email, tags[?], addr.city FROM users USING TIMESTAMP ? WHERE id = ? IF EXISTS");
        Assert.Equal(["email", "tags", "addr"], s.Columns);
        Assert.True(s.HasTimestamp);
        Assert.True(s.IsConditional);
        Assert.Equal(
            [("key(tags)", "tags", CqlMarkerRole.ElementKey), ("[timestamp]", null, CqlMarkerRole.Timestamp), ("id", "id", CqlMarkerRole.Value)],
            Markers(s));
    }

    [Fact]
    public void Delete_if_condition()
    {
        var s = Valid("DELETE FROM t WHERE k = ? IF version = ?");
        Assert.Equal(CqlConditionKind.IfConditions, s.Condition);
        Assert.True(s.Markers[1].IsConditional);
        Assert.Equal("version", s.Markers[1].Column);
    }
}
