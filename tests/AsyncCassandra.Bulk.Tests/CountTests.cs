namespace AsyncCassandra.Bulk.Tests;

/// <summary>CountAsync on the single node: exact, equal to a plain full scan, and shards add up to it.</summary>
[Collection(BulkNodeCollection.Name)]
public sealed class CountTests(BulkNodeFixture node)
{
    [Fact]
    public async Task Count_equals_the_rows_inserted_and_a_plain_full_scan()
    {
        await node.LoadNumberedAsync("counted", partitions: 120, rowsPerPartition: 50);
        var bulk = new BulkOperations(node.Session);
        var reports = new List<BulkProgress>();
        long count = await bulk.CountAsync(BulkNodeFixture.Keyspace, "counted", new BulkOptions { Concurrency = 3, SplitCount = 100, Progress = new Collect(reports) });

        long scanned = 0;
        await foreach (Row _ in node.Session.StreamAsync(new SimpleStatement("SELECT p FROM bulk.counted"), new StreamOptions { PageSize = 1000 }))
        {
            scanned++;
        }

        Assert.Equal(6000, count);
        Assert.Equal(scanned, count);
        BulkProgress last = reports[^1];
        Assert.Equal(last.RangesTotal, last.RangesDone);
        Assert.True(last.RangesTotal >= 100, $"{last.RangesTotal} ranges");
        Assert.Equal(6000, last.Rows);
        Assert.Equal(1.0, last.Fraction);
    }

    [Fact]
    public async Task Shard_counts_add_up_to_the_whole_table()
    {
        await node.LoadNumberedAsync("sharded_count", partitions: 90, rowsPerPartition: 10);
        var bulk = new BulkOperations(node.Session);
        long total = 0;
        var shares = new List<long>();
        for (int i = 1; i <= 3; i++)
        {
            long share = await bulk.CountAsync(BulkNodeFixture.Keyspace, "sharded_count", new BulkOptions { Shard = new Shard(i, 3) });
            shares.Add(share);
            total += share;
        }

        Assert.Equal(900, total);
        Assert.All(shares, s => Assert.InRange(s, 1, 899));
    }

    [Fact]
    public async Task Unknown_table_fails_with_a_clear_error()
    {
        var bulk = new BulkOperations(node.Session);
        InvalidQueryException error = await Assert.ThrowsAsync<InvalidQueryException>(() => bulk.CountAsync(BulkNodeFixture.Keyspace, "no_such_table"));
        Assert.Contains("bulk.no_such_table does not exist", error.Message, StringComparison.Ordinal);
    }

    internal sealed class Collect(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
