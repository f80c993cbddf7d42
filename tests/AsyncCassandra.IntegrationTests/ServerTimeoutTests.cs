using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>Server-side read and write timeouts (spec v3 §9 0x1200, 0x1100), from a node configured with 2 ms timeouts (127.0.0.5).</summary>
[Collection(NodeCollection.Name)]
public sealed class ServerTimeoutTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Server_read_and_write_timeouts_surface_as_typed_exceptions_with_their_fields()
    {
        await using CassandraTestCluster node = await OwnNode.StartAsync(5, output, "a node whose timeouts it can change");
        CassandraOptions options = OwnNode.ClientOptions(node, o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS slow WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS slow.t (p int, c int, v text, PRIMARY KEY (p, c))");
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO slow.t (p, c, v) VALUES (?, ?, ?)");
        string value = new('x', 2000);
        for (int start = 0; start < 20_000; start += 500)
        {
            var batch = new BatchStatement(BatchType.Unlogged);
            for (int c = start; c < start + 500; c++)
            {
                batch.Add(insert.Bind(c % 10, c, value));
            }

            await session.ExecuteAsync(batch);
        }


        // Restart the node with 2 ms request timeouts: reads of 2,000 rows and large writes cannot finish in time.
        await session.DisposeAsync();
        await node.StopNodeAsync(0);
        string yamlPath = Path.Combine(Path.GetDirectoryName(node.GetNodeLogPath(0)!)!, "conf", "cassandra.yaml");
        string[] keys = ["read_request_timeout_in_ms", "range_request_timeout_in_ms", "write_request_timeout_in_ms"];
        var yaml = File.ReadAllLines(yamlPath).Where(l => !keys.Any(k => l.StartsWith(k, StringComparison.Ordinal))).ToList();
        foreach (string key in keys)
        {
            yaml.Add($"{key}: 2"); // 1 ms would make the server schedule its expiry timer every 0 ms and refuse to start
        }

        await File.WriteAllLinesAsync(yamlPath, yaml);
        await node.StartNodeAsync(0);
        await using AsyncSession slow = await cluster.ConnectAsync("slow");

        ReadTimeoutException? readTimeout = null;
        for (int attempt = 0; attempt < 20 && readTimeout is null; attempt++)
        {
            try
            {
                await slow.ExecuteAsync(new SimpleStatement("SELECT * FROM t WHERE p = ?", attempt % 10) { PageSize = 2000 });
            }
            catch (ReadTimeoutException ex)
            {
                readTimeout = ex;
            }
        }

        Assert.NotNull(readTimeout);
        Assert.Equal(0x1200, readTimeout.ErrorCode);
        Assert.Equal(ConsistencyLevel.LocalOne, readTimeout.Consistency);
        Assert.Equal(1, readTimeout.BlockFor);
        output.WriteLine(readTimeout.Message);

        WriteTimeoutException? writeTimeout = null;
        string big = new('y', 200_000);
        for (int attempt = 0; attempt < 20 && writeTimeout is null; attempt++)
        {
            var batch = new BatchStatement(BatchType.Logged);
            for (int i = 0; i < 20; i++)
            {
                batch.Add(new SimpleStatement("INSERT INTO t (p, c, v) VALUES (?, ?, ?)", 100 + i, attempt, big));
            }

            try
            {
                await slow.ExecuteAsync(batch);
            }
            catch (WriteTimeoutException ex)
            {
                writeTimeout = ex;
            }
        }

        Assert.NotNull(writeTimeout);
        Assert.Equal(0x1100, writeTimeout.ErrorCode);
        Assert.Contains(writeTimeout.WriteType, new[] { "BATCH", "BATCH_LOG", "SIMPLE", "UNLOGGED_BATCH" });
        output.WriteLine(writeTimeout.Message);
    }
}
