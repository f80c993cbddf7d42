using AsyncCassandra.Tests.Cluster;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests.Execution;

/// <summary>
/// Cassandra 2.1.0 (CASSANDRA-8054) can answer a PREPARE without result columns when executions with Skip_metadata ran
/// on the statement, and then sends rows without metadata even to executions that did not skip it. Found by the soak
/// (thousands of ProtocolExceptions after a re-prepare): a re-prepare keeps the columns the statement already had.
/// </summary>
public sealed class ReprepareTests
{
    [Fact]
    public async Task A_reprepare_answered_without_result_columns_keeps_the_columns_the_statement_had()
    {
        int executes = 0;
        await using var node = new ScriptedNode
        {
            RespondExecute = body =>
            {
                // [short bytes] id, then the query parameters (v3 §4.1.6).
                byte[] id = body.AsSpan(2, (body[0] << 8) | body[1]).ToArray();
                return Interlocked.Increment(ref executes) == 1
                    ? ((byte)0x00, new Body().Int(0x2500).String("Prepared query with ID not found").ShortBytes(id).ToArray()) // UNPREPARED
                    : ((byte)0x08, new Body().Int(0x0002).Int(0x0004).Int(1).Int(1).IntCell(42).ToArray()); // Rows, No_metadata, 1 column, 1 row
            },
        };
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" } });
        await using AsyncSession session = await cluster.ConnectAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT k FROM t WHERE k = 42");
        // As a PREPARE on a healthy node answers: with the result's columns.
        var columns = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "k", CqlType.Native(CqlTypeCode.Int))]);
        select.Update(select.State with { ResultColumns = columns });

        RowSet rows = await session.ExecuteAsync(select.Bind());

        Assert.Equal(42, Assert.Single(rows).Get<int>(0));
        Assert.Equal(1, session.Reprepared);
        Assert.Same(columns, select.State.ResultColumns);
    }
}
