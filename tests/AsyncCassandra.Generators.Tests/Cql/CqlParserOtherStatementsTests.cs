using AsyncCassandra.Generators.Cql;
using static AsyncCassandra.Generators.Tests.Cql.ParseAssert;

namespace AsyncCassandra.Generators.Tests.Cql;

public class CqlParserOtherStatementsTests
{
    [Fact]
    public void Batch_is_scanned_for_markers()
    {
        const string cql = "BEGIN BATCH INSERT INTO t (a) VALUES (?); UPDATE t SET b = :b WHERE a = ?; APPLY BATCH";
        var s = Valid(cql);
        Assert.Equal(CqlStatementKind.Batch, s.Kind);
        Assert.True(s.IsWrite);
        Assert.Equal(
            [("[0]", null, CqlMarkerRole.Unknown), ("b", null, CqlMarkerRole.Unknown), ("[2]", null, CqlMarkerRole.Unknown)],
            Markers(s));
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
