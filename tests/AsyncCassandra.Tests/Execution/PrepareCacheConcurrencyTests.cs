using AsyncCassandra.Tests.Cluster;

namespace AsyncCassandra.Tests.Execution;

/// <summary>
/// The prepared-statement cache evicts while other threads add to it: found by the soak tool, where an eviction's
/// ordering of a dictionary that grew under it threw ArgumentException out of PrepareAsync.
/// </summary>
public sealed class PrepareCacheConcurrencyTests
{
    [Fact]
    public async Task Evicting_while_other_threads_prepare_new_statements_never_fails_a_prepare()
    {
        await using var node = new ScriptedNode();
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" }, MaxPreparedStatements = 20 });
        await using AsyncSession session = await cluster.ConnectAsync();
        int next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 800; i++)
            {
                await session.PrepareAsync($"SELECT v FROM t WHERE k = ? /* {Interlocked.Increment(ref next)} */");
            }
        })));
        Assert.InRange(session.PreparedStatementsCached, 1, 20 + 16);
    }
}
