using AsyncCassandra.Generators.Cql;
using static AsyncCassandra.Generators.Tests.Cql.ParseAssert;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlParserOtherStatementsTests
{
    [Fact]
    public void Batch_statements_are_parsed_and_their_markers_know_their_table()
    {
        const string cql = "BEGIN BATCH INSERT INTO t (a) VALUES (?); UPDATE ks.u SET b = :b WHERE a = ?; APPLY BATCH";
        var s = Valid(cql);
        Assert.Equal(CqlStatementKind.Batch, s.Kind);
        Assert.True(s.IsWrite);
        Assert.Equal([CqlStatementKind.Insert, CqlStatementKind.Update], s.Statements.Select(i => i.Kind));
        Assert.Equal(
            [("a", "a", CqlMarkerRole.Value), ("b", "b", CqlMarkerRole.Value), ("a", "a", CqlMarkerRole.Value)],
            Markers(s));
        Assert.Equal([(null, "t"), ("ks", "u"), ("ks", "u")], s.Markers.Select(m => (m.Keyspace, m.Table)));
        Assert.Equal(CqlMarkerStyle.Mixed, s.MarkerStyle);
        Assert.Equal(cql.LastIndexOf('?'), s.Markers[2].Offset);
    }

    [Fact]
    public void Create_statements_are_scanned()
    {
        var s = Valid("CREATE TABLE IF NOT EXISTS t (id uuid PRIMARY KEY)");
        Assert.Equal(CqlStatementKind.Other, s.Kind);
        Assert.Empty(s.Markers);
    }

    [Fact]
    public void Truncate_names_its_table()
    {
        var s = Valid("TRUNCATE TABLE ks.events");
        Assert.Equal(CqlStatementKind.Other, s.Kind);
        Assert.Equal("ks", s.Keyspace);
        Assert.Equal("events", s.Table);
    }

    [Fact]
    public void Use_names_its_keyspace()
    {
        var s = Valid("USE \"MyApp\"");
        Assert.Equal(CqlStatementKind.Use, s.Kind);
        Assert.Equal("MyApp", s.Keyspace);
    }
}
