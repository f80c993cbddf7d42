using System.Text;
using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// The client computes the same token as the server's <c>token()</c> for partition keys of many types and lengths
/// (every Murmur3 tail length, bytes with the high bit set, composite keys), from bound statements whose partition key
/// markers it found itself (protocol v3 does not say which they are).
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class TokenParityTests(NodeFixture fixture)
{
    private static Partitioner ServerPartitioner(AsyncSession session) =>
        session.Core.TokenMap?.Partitioner ?? throw new InvalidOperationException("The session has no token map.");

    [Fact]
    public async Task Single_column_keys_of_every_length_hash_to_the_servers_token()
    {
        AsyncSession session = fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS parity_blob (k blob PRIMARY KEY, v int)");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS parity_text (k text PRIMARY KEY, v int)");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS parity_bigint (k bigint PRIMARY KEY, v int)");
        Partitioner partitioner = ServerPartitioner(session);
        var random = new Random(1234);

        var keys = new List<object>();
        for (int length = 1; length <= 48; length++)
        {
            for (int sample = 0; sample < 4; sample++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                if (sample == 0)
                {
                    Array.Fill(bytes, (byte)0xFF); // every tail byte sign-extends
                }

                keys.Add(bytes);
            }
        }

        int compared = 0;
        compared += await CompareAsync(session, partitioner, "parity_blob", keys);
        compared += await CompareAsync(session, partitioner, "parity_text", [.. Enumerable.Range(0, 60).Select(n => (object)(new string('é', n % 20) + "key" + n))]);
        compared += await CompareAsync(session, partitioner, "parity_bigint", [long.MinValue, -1L, 0L, 1L, long.MaxValue, .. Enumerable.Range(0, 50).Select(_ => (object)random.NextInt64(long.MinValue, long.MaxValue))]);
        Assert.Equal(192 + 60 + 55, compared);
    }

    [Fact]
    public async Task Composite_keys_hash_to_the_servers_token_whatever_the_marker_order()
    {
        AsyncSession session = fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS parity_composite (a int, b text, c uuid, v int, PRIMARY KEY ((a, b), c))");
        Partitioner partitioner = ServerPartitioner(session);
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO parity_composite (v, b, c, a) VALUES (?, ?, ?, ?)");
        PreparedStatement token = await session.PrepareAsync("SELECT token(a, b) FROM parity_composite WHERE a = ? AND b = ?");

        // The key's columns in key order: a (marker 3), then b (marker 1).
        Assert.Equal([3, 1], insert.PartitionKeyIndexes);
        Assert.Equal([0, 1], token.PartitionKeyIndexes);

        for (int i = 0; i < 100; i++)
        {
            BoundStatement bound = insert.Bind(i, "part-" + new string('x', i % 37), Guid.NewGuid(), i * 7919);
            await session.ExecuteAsync(bound);
            RowSet rows = await session.ExecuteAsync(token.Bind(i * 7919, "part-" + new string('x', i % 37)));
            Assert.True(Cluster.Routing.StatementRouting.TryGetToken(bound, partitioner, session.Core.Version, out string keyspace, out UInt128 computed));
            Assert.Equal(NodeFixture.Keyspace, keyspace);
            Assert.Equal(Murmur3Partitioner.FromLong(rows[0].Get<long>(0)), computed);
        }
    }

    [Fact]
    public async Task Statements_that_do_not_bind_the_whole_key_are_not_routed()
    {
        AsyncSession session = fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS parity_composite (a int, b text, c uuid, v int, PRIMARY KEY ((a, b), c))");
        PreparedStatement partial = await session.PrepareAsync("SELECT v FROM parity_composite WHERE a = ? AND b = 'fixed'");
        PreparedStatement named = await session.PrepareAsync("SELECT v FROM parity_composite WHERE a = :first AND b = :second");
        PreparedStatement inList = await session.PrepareAsync("SELECT v FROM parity_composite WHERE a = ? AND b IN ?");

        Assert.Empty(partial.PartitionKeyIndexes);
        if (session.Core.Version < 4)
        {
            Assert.Empty(named.PartitionKeyIndexes); // v3: a named marker does not carry its column's name
        }
        else
        {
            Assert.Equal([0, 1], named.PartitionKeyIndexes); // v4+: the server says
        }

        Assert.Empty(inList.PartitionKeyIndexes);
        Assert.False(Cluster.Routing.StatementRouting.TryGetToken(partial.Bind(1), ServerPartitioner(session), 3, out _, out _));
    }

    private static async Task<int> CompareAsync(AsyncSession session, Partitioner partitioner, string table, IReadOnlyList<object> keys)
    {
        PreparedStatement insert = await session.PrepareAsync($"INSERT INTO {table} (k, v) VALUES (?, ?)");
        PreparedStatement select = await session.PrepareAsync($"SELECT token(k) FROM {table} WHERE k = ?");
        Assert.Equal([0], insert.PartitionKeyIndexes);
        var mismatches = new StringBuilder();
        foreach (object key in keys)
        {
            BoundStatement bound = insert.Bind(key, 1);
            await session.ExecuteAsync(bound);
            RowSet rows = await session.ExecuteAsync(select.Bind(key));
            long server = rows[0].Get<long>(0);
            Assert.True(Cluster.Routing.StatementRouting.TryGetToken(bound, partitioner, session.Core.Version, out _, out UInt128 computed));
            if (computed != Murmur3Partitioner.FromLong(server))
            {
                mismatches.AppendLine($"{table} key {(key is byte[] b ? Convert.ToHexString(b) : key)}: server {server}");
            }
        }

        Assert.True(mismatches.Length == 0, mismatches.ToString());
        return keys.Count;
    }
}

/// <summary>A node of its own (127.0.0.6) under RandomPartitioner: tokens are MD5-based and the client routes with them.</summary>
[Collection(NodeCollection.Name)]
public sealed class RandomPartitionerTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Random_partitioner_tokens_match_the_servers()
    {
        await using Testing.CassandraTestCluster node = await OwnNode.StartAsync(6, output, "a node with RandomPartitioner", o =>
            o.ConfigurationOverrides["partitioner"] = "org.apache.cassandra.dht.RandomPartitioner");
        await using var cluster = new AsyncCluster(OwnNode.ClientOptions(node));
        await using AsyncSession session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS rp WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS rp.t (k text PRIMARY KEY, v int)");
        Partitioner partitioner = session.Core.TokenMap?.Partitioner ?? throw new InvalidOperationException("no token map");
        Assert.IsType<RandomPartitioner>(partitioner);

        PreparedStatement insert = await session.PrepareAsync("INSERT INTO rp.t (k, v) VALUES (?, ?)");
        PreparedStatement token = await session.PrepareAsync("SELECT token(k) FROM rp.t WHERE k = ?");
        for (int i = 0; i < 100; i++)
        {
            string key = "key-" + new string('z', i);
            BoundStatement bound = insert.Bind(key, i);
            await session.ExecuteAsync(bound);
            // RandomPartitioner's token() is a varint.
            System.Numerics.BigInteger server = (await session.ExecuteAsync(token.Bind(key)))[0].Get<System.Numerics.BigInteger>(0);
            Assert.True(Cluster.Routing.StatementRouting.TryGetToken(bound, partitioner, session.Core.Version, out _, out UInt128 computed));
            Assert.Equal((UInt128)server, computed);
        }
    }
}

/// <summary>On v3 the partition key's markers come from the schema; a table re-created with another key is looked up again.</summary>
[Collection(NodeCollection.Name)]
public sealed class PartitionKeySchemaTests(NodeFixture fixture)
{
    [SkippableFact]
    public async Task A_table_recreated_with_another_partition_key_is_routed_by_its_new_key()
    {
        AsyncSession session = fixture.Session;
        Skip.If(session.Core.Version >= 4, "v4+ servers give the partition key markers themselves");
        await session.ExecuteAsync("DROP TABLE IF EXISTS rekeyed");
        await session.ExecuteAsync("CREATE TABLE rekeyed (a int, b int, PRIMARY KEY (a, b))");
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO rekeyed (a, b) VALUES (?, ?)");
        Assert.Equal([0], insert.PartitionKeyIndexes);
        Assert.True(session.Core.HasPartitionKeyOf(NodeFixture.Keyspace, "rekeyed"));

        await session.ExecuteAsync("DROP TABLE rekeyed");
        await session.ExecuteAsync("CREATE TABLE rekeyed (a int, b int, PRIMARY KEY (b, a))");
        // The server's schema events (on the control connection) forget the old key.
        for (int i = 0; i < 100 && session.Core.HasPartitionKeyOf(NodeFixture.Keyspace, "rekeyed"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(session.Core.HasPartitionKeyOf(NodeFixture.Keyspace, "rekeyed"), "no schema event invalidated the table's partition key");

        // A statement prepared now reads the new key (with the old one cached, b would not be the key: [1] instead of [0]).
        PreparedStatement fresh = await session.PrepareAsync("INSERT INTO rekeyed (b, a) VALUES (?, ?)");
        Assert.Equal([0], fresh.PartitionKeyIndexes);
        await session.ExecuteAsync(fresh.Bind(2, 1));
        Assert.Equal(1, (await session.ExecuteAsync("SELECT a FROM rekeyed WHERE b = 2"))[0].Get<int>(0));
    }
}
