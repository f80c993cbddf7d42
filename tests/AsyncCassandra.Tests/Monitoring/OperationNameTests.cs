namespace AsyncCassandra.Tests.Monitoring;

/// <summary>
/// The <c>db.operation.name</c> tag (OpenTelemetry database semantic conventions): the statement's first keyword,
/// upper-case; BATCH for batches; OTHER for anything else, so a typo cannot become a metric series of its own.
/// </summary>
public sealed class OperationNameTests
{
    [Theory]
    [InlineData("SELECT * FROM t", "SELECT")]
    [InlineData("  select x from t", "SELECT")]
    [InlineData("insert INTO t (k) VALUES (1)", "INSERT")]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1", "UPDATE")]
    [InlineData("DELETE FROM t WHERE k = 1", "DELETE")]
    [InlineData("CREATE TABLE t (k int PRIMARY KEY)", "CREATE")]
    [InlineData("USE ks", "USE")]
    [InlineData("SELEC nothing", "OTHER")]
    [InlineData("/* comment */ SELECT 1", "OTHER")]
    public void Is_the_first_keyword_or_OTHER(string cql, string expected) =>
        Assert.Equal(expected, CassandraDiagnostics.Operation(new SimpleStatement(cql)));

    [Fact]
    public void A_batch_is_BATCH() =>
        Assert.Equal("BATCH", CassandraDiagnostics.Operation(new BatchStatement(BatchType.Logged)));

    [Fact]
    public void A_known_keyword_allocates_nothing()
    {
        var statement = new SimpleStatement("select * from t");
        CassandraDiagnostics.Operation(statement);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            CassandraDiagnostics.Operation(statement);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
