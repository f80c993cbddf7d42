using AsyncCassandra;

namespace ExportLargeTable;

/// <summary>A table of made-up events to export when the cluster has nothing of its own (--demo-rows N).</summary>
internal static class DemoTable
{
    public static async Task EnsureAsync(AsyncSession session, string keyspace, string table, int rows, CancellationToken ct)
    {
        string name = $"{CqlIdentifier.Quote(keyspace)}.{CqlIdentifier.Quote(table)}";
        await session.ExecuteAsync($"CREATE KEYSPACE IF NOT EXISTS {CqlIdentifier.Quote(keyspace)} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}", ct);
        await session.ExecuteAsync($"CREATE TABLE IF NOT EXISTS {name} (id int, seq int, name text, score double, tags set<text>, seen timestamp, PRIMARY KEY (id, seq))", ct);
        RowSet count = await session.ExecuteAsync(new SimpleStatement($"SELECT count(*) FROM {name}") { Timeout = TimeSpan.FromMinutes(2) }, ct);
        if (count[0].Get<long>(0) >= rows)
        {
            return;
        }

        Console.WriteLine($"Loading {rows:N0} demo rows into {keyspace}.{table} ...");
        PreparedStatement insert = await session.PrepareAsync($"INSERT INTO {name} (id, seq, name, score, tags, seen) VALUES (?, ?, ?, ?, ?, ?)", ct);
        const int PerPartition = 100;
        int partitions = (rows + PerPartition - 1) / PerPartition;
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
        {
            // The same rows again change nothing: a batch that timed out is simply sent again.
            var batch = new BatchStatement(BatchType.Unlogged) { IsIdempotent = true };
            for (int seq = 0; seq < PerPartition && id * PerPartition + seq < rows; seq++)
            {
                int n = id * PerPartition + seq;
                batch.Add(insert.Bind(id, seq, $"event \"{n}\", item {n % 97}", n / 8.0, new HashSet<string> { "t" + (n % 5), "u" + (n % 3) }, DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + n)));
            }

            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await session.ExecuteAsync(batch, token);
                    break;
                }
                catch (Exception ex) when (attempt < 5 && ex is WriteTimeoutException or OverloadedException or TimeoutException)
                {
                    await Task.Delay(200 * attempt, token);
                }
            }
        });
    }
}
