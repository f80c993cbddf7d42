using System.Buffers.Binary;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests.Cluster;

/// <summary>
/// The request pipeline when a prepared SELECT's cached result columns went stale and no schema event said so
/// (CASSANDRA-10786): the node prepared it with one column, then its table gained one; EXECUTE with skip_metadata
/// (v3 §4.1.4 flag 0x02) gets rows of two columns and no metadata (§4.2.5.2 flag 0x0004). The node answers with
/// metadata when not asked to skip it.
/// </summary>
public sealed class StaleMetadataPipelineTests
{
    private sealed class AlteredTableNode : IAsyncDisposable
    {
        private int _executes;
        private int _skipped;
        private int _prepares;

        public AlteredTableNode()
        {
            Node = new ScriptedNode
            {
                Script = (opcode, cql) => opcode == 0x09 && cql!.Contains("ks.t", StringComparison.Ordinal) ? Prepared() : null,
                Execute = body =>
                {
                    Interlocked.Increment(ref _executes);
                    int idLength = BinaryPrimitives.ReadUInt16BigEndian(body);
                    bool skip = (body[2 + idLength + 2] & 0x02) != 0; // <id><consistency><flags>
                    if (skip)
                    {
                        Interlocked.Increment(ref _skipped);
                    }

                    return Rows(skip);
                },
            };
        }

        public ScriptedNode Node { get; }

        public int Executes => Volatile.Read(ref _executes);

        public int Skipped => Volatile.Read(ref _skipped);

        public int Prepares => Volatile.Read(ref _prepares);

        /// <summary>
        /// Prepared (v3 §4.2.5.4): the same id, no markers, and result metadata of one column a int the first time
        /// (before the ALTER), of a int and b text after.
        /// </summary>
        private ScriptedReply Prepared()
        {
            Body body = new Body().Int(0x0004).ShortBytes([1, 2, 3, 4]).Int(0x0001).Int(0).String("ks").String("t");
            body = Interlocked.Increment(ref _prepares) == 1
                ? body.Int(0x0001).Int(1).String("ks").String("t").String("a").Short(0x0009)
                : body.Int(0x0001).Int(2).String("ks").String("t").String("a").Short(0x0009).String("b").Short(0x000D);
            return new ScriptedReply(0x08, body.ToArray());
        }

        /// <summary>Rows of the altered table: a int, b text; one row (1, "bee").</summary>
        private static ScriptedReply Rows(bool skipMetadata)
        {
            Body body = new Body().Int(0x0002);
            body = skipMetadata
                ? body.Int(0x0004).Int(2)
                : body.Int(0x0001).Int(2).String("ks").String("t").String("a").Short(0x0009).String("b").Short(0x000D);
            return new ScriptedReply(0x08, body.Int(1).IntCell(1).TextCell("bee").ToArray());
        }

        public ValueTask DisposeAsync() => Node.DisposeAsync();
    }

    private static CassandraOptions Options(ScriptedNode node) => new() { ContactPoints = { $"127.0.0.1:{node.Port}" } };

    [Fact]
    public async Task An_idempotent_statement_is_prepared_again_and_re_executed_with_metadata_and_the_server_columns_win()
    {
        await using var altered = new AlteredTableNode();
        await using var cluster = new AsyncCluster(Options(altered.Node));
        await using AsyncSession session = await cluster.ConnectAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT * FROM ks.t");
        Assert.Single(select.ResultColumns);

        RowSet rows = await session.ExecuteAsync(select.Bind());
        Assert.Equal(["a", "b"], rows.Columns.Select(c => c.Name));
        Assert.Equal("bee", Assert.Single(rows).Get<string>("b"));
        Assert.Equal(2, altered.Executes); // with skip_metadata, then without
        Assert.Equal(1, altered.Skipped);
        Assert.Equal(2, altered.Prepares); // prepared again on the node
        Assert.Equal(2, select.ResultColumns.Count);
    }

    [Fact]
    public async Task A_statement_not_idempotent_is_not_run_twice_and_its_next_execution_reads_the_server_columns()
    {
        await using var altered = new AlteredTableNode();
        await using var cluster = new AsyncCluster(Options(altered.Node));
        await using AsyncSession session = await cluster.ConnectAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT * FROM ks.t");
        select.IsIdempotent = false;

        var error = await Assert.ThrowsAsync<ProtocolException>(() => session.ExecuteAsync(select.Bind()));
        Assert.Contains("not idempotent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, altered.Executes);

        Assert.Equal(2, altered.Prepares); // its columns were read again, without running it
        Assert.Equal(2, select.ResultColumns.Count);

        RowSet rows = await session.ExecuteAsync(select.Bind());
        Assert.Equal(["a", "b"], rows.Columns.Select(c => c.Name));
        Assert.Equal("bee", Assert.Single(rows).Get<string>("b"));
        Assert.Equal(2, altered.Executes);
    }
}
