using System.Net;
using Microsoft.Extensions.Configuration;

namespace AsyncCassandra.Tests.Cluster;

/// <summary>
/// The session's retry loop under <see cref="IdempotenceAwareRetryPolicy"/> (the Python async-cassandra wrapper's
/// policy), against two scripted nodes that answer a statement with server errors (v3 §9): which node each attempt
/// reached, how many attempts there were, that every attempt kept the statement's consistency level, and that a write
/// not marked idempotent is never sent twice.
/// </summary>
public sealed class RetryLoopTests
{
    private const string Table = "ks.retried";

    /// <summary>Two nodes on 127.0.0.1 and 127.0.0.2 (same port); each answers statements on <see cref="Table"/> with <paramref name="answer"/>.</summary>
    private sealed class TwoNodes : IAsyncDisposable
    {
        private readonly List<string> _attempts = [];

        public TwoNodes(Func<string, int, ScriptedReply> answer)
        {
            First = new ScriptedNode { Script = (_, cql) => Answer("127.0.0.1", cql, answer) };
            Second = new ScriptedNode(IPAddress.Parse("127.0.0.2"), First.Port) { Script = (_, cql) => Answer("127.0.0.2", cql, answer) };
            First.Peers.Add((IPAddress.Parse("127.0.0.2"), "datacenter1", "rack1", 100));
        }

        public ScriptedNode First { get; }

        public ScriptedNode Second { get; }

        /// <summary>The node of each attempt, in order.</summary>
        public IReadOnlyList<string> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return [.. _attempts];
                }
            }
        }

        public CassandraOptions Options(IRetryPolicy policy) => new()
        {
            ContactPoints = { "127.0.0.1" },
            Port = First.Port,
            RetryPolicy = policy,
            TokenAwareRouting = false,
        };

        private ScriptedReply? Answer(string node, string? cql, Func<string, int, ScriptedReply> answer)
        {
            if (cql is null || !cql.Contains(Table, StringComparison.Ordinal))
            {
                return null;
            }

            int attempt;
            lock (_attempts)
            {
                _attempts.Add(node);
                attempt = _attempts.Count;
            }

            return answer(node, attempt);
        }

        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    private static ScriptedReply WriteTimeout(string writeType) =>
        ScriptedReply.Error(0x1100, "Operation timed out - received only 1 responses.", b => b.Short(0x0004).Int(1).Int(2).String(writeType));

    private static ScriptedReply ReadTimeout(int received, int blockFor, bool dataPresent) =>
        ScriptedReply.Error(0x1200, "Operation timed out.", b => b.Short(0x0004).Int(received).Int(blockFor).Byte(dataPresent ? (byte)1 : (byte)0));

    private static ScriptedReply Unavailable() =>
        ScriptedReply.Error(0x1000, "Cannot achieve consistency level QUORUM", b => b.Short(0x0004).Int(2).Int(1));

    private static async Task<(AsyncCluster Cluster, AsyncSession Session)> ConnectAsync(TwoNodes nodes, IRetryPolicy policy)
    {
        var cluster = new AsyncCluster(nodes.Options(policy));
        AsyncSession session = await cluster.ConnectAsync();
        Assert.Equal(2, cluster.Nodes.Count);
        return (cluster, session);
    }

    private static SimpleStatement Write(bool? idempotent) =>
        new($"INSERT INTO {Table} (k, v) VALUES (1, 'x')") { IsIdempotent = idempotent, ConsistencyLevel = ConsistencyLevel.Quorum };

    [Theory]
    [InlineData("SIMPLE")]
    [InlineData("BATCH")]
    [InlineData("UNLOGGED_BATCH")]
    public async Task An_idempotent_write_that_times_out_is_retried_on_the_same_node_up_to_MaxRetries_at_the_same_consistency(string writeType)
    {
        await using var nodes = new TwoNodes((_, _) => WriteTimeout(writeType));
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;

        var error = await Assert.ThrowsAsync<WriteTimeoutException>(() => session.ExecuteAsync(Write(idempotent: true)));
        Assert.Equal(writeType, error.WriteType);
        Assert.Equal(4, nodes.Attempts.Count); // 1 + MaxRetries (3)
        Assert.Single(nodes.Attempts.Distinct()); // all on the coordinator that timed out
        Assert.Equal(Enumerable.Repeat((ushort)0x0004, 4), nodes.First.Consistencies(Table).Concat(nodes.Second.Consistencies(Table))); // QUORUM every time
    }

    [Theory]
    [InlineData(null)] // an INSERT is not idempotent unless marked
    [InlineData(false)]
    public async Task A_write_not_marked_idempotent_is_never_sent_twice(bool? idempotent)
    {
        await using var nodes = new TwoNodes((_, _) => WriteTimeout("SIMPLE"));
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;

        await Assert.ThrowsAsync<WriteTimeoutException>(() => session.ExecuteAsync(Write(idempotent)));
        Assert.Single(nodes.Attempts);

        // Nor after a server error, which may come after the write was applied.
        await using var failing = new TwoNodes((_, _) => ScriptedReply.Error(0x0000, "java.lang.RuntimeException"));
        (AsyncCluster cluster2, AsyncSession session2) = await ConnectAsync(failing, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c2 = cluster2;
        await using AsyncSession s2 = session2;
        await Assert.ThrowsAsync<ServerErrorException>(() => session2.ExecuteAsync(Write(idempotent)));
        Assert.Single(failing.Attempts);
    }

    [Theory]
    [InlineData("BATCH_LOG")]
    [InlineData("COUNTER")]
    [InlineData("CAS")]
    public async Task Other_write_types_are_not_retried_even_when_idempotent(string writeType)
    {
        await using var nodes = new TwoNodes((_, _) => WriteTimeout(writeType));
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;
        await Assert.ThrowsAsync<WriteTimeoutException>(() => session.ExecuteAsync(Write(idempotent: true)));
        Assert.Single(nodes.Attempts);
    }

    [Fact]
    public async Task Unavailable_goes_once_to_the_next_node_then_stays_there()
    {
        await using var nodes = new TwoNodes((_, _) => Unavailable());
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;

        await Assert.ThrowsAsync<UnavailableException>(() => session.ExecuteAsync(Write(idempotent: false)));
        IReadOnlyList<string> attempts = nodes.Attempts;
        Assert.Equal(4, attempts.Count);
        Assert.NotEqual(attempts[0], attempts[1]); // first retry: the next node
        Assert.Equal([attempts[1], attempts[1]], attempts.Skip(2)); // then the same node
        Assert.Equal(Enumerable.Repeat((ushort)0x0004, 4), nodes.First.Consistencies(Table).Concat(nodes.Second.Consistencies(Table)));
    }

    [Fact]
    public async Task Unavailable_on_the_first_node_succeeds_on_the_next_one()
    {
        await using var nodes = new TwoNodes((_, attempt) => attempt == 1 ? Unavailable() : ScriptedReply.Void);
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;

        RowSet result = await session.ExecuteAsync(Write(idempotent: null));
        IReadOnlyList<string> attempts = nodes.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.NotEqual(attempts[0], attempts[1]);
        Assert.StartsWith(attempts[1], result.Host, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 2, false, 4)] // enough replicas answered: retried, up to 1 + MaxRetries attempts
    [InlineData(1, 2, true, 4)] // the data replica answered: retried
    [InlineData(1, 2, false, 1)] // neither: not retried
    public async Task Read_timeouts_are_retried_on_the_same_node_when_enough_replicas_answered(int received, int blockFor, bool dataPresent, int attempts)
    {
        await using var nodes = new TwoNodes((_, _) => ReadTimeout(received, blockFor, dataPresent));
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy());
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;

        await Assert.ThrowsAsync<ReadTimeoutException>(() => session.ExecuteAsync(new SimpleStatement($"SELECT v FROM {Table} WHERE k = 1") { ConsistencyLevel = ConsistencyLevel.Quorum }));
        Assert.Equal(attempts, nodes.Attempts.Count);
        Assert.Single(nodes.Attempts.Distinct());
    }

    [Fact]
    public async Task MaxRetries_bounds_the_attempts()
    {
        await using var nodes = new TwoNodes((_, _) => WriteTimeout("SIMPLE"));
        (AsyncCluster cluster, AsyncSession session) = await ConnectAsync(nodes, new IdempotenceAwareRetryPolicy { MaxRetries = 1 });
        await using AsyncCluster c = cluster;
        await using AsyncSession s = session;
        await Assert.ThrowsAsync<WriteTimeoutException>(() => session.ExecuteAsync(Write(idempotent: true)));
        Assert.Equal(2, nodes.Attempts.Count);
    }

    [Fact]
    public void The_policy_is_chosen_in_configuration_with_its_maximum()
    {
        var options = new CassandraOptions();
        CassandraConfigurationBinder.Apply(Configuration(("RetryPolicy", "IdempotenceAware"), ("MaxRetries", "5")), options);
        Assert.Equal(5, Assert.IsType<IdempotenceAwareRetryPolicy>(options.RetryPolicy).MaxRetries);

        var defaults = new CassandraOptions();
        CassandraConfigurationBinder.Apply(Configuration(("RetryPolicy", "idempotenceaware")), defaults);
        Assert.Equal(3, Assert.IsType<IdempotenceAwareRetryPolicy>(defaults.RetryPolicy).MaxRetries);
        Assert.IsType<DefaultRetryPolicy>(new CassandraOptions().RetryPolicy);

        var wrong = new CassandraOptions { ContactPoints = { "127.0.0.1" } };
        CassandraConfigurationBinder.Apply(Configuration(("RetryPolicy", "Downgrading")), wrong);
        string problem = Assert.Single(CassandraConfigurationBinder.ProblemsOf(wrong));
        Assert.Contains("Cassandra:RetryPolicy", problem, StringComparison.Ordinal);
        Assert.Contains("IdempotenceAware", problem, StringComparison.Ordinal);

        var negative = new CassandraOptions();
        CassandraConfigurationBinder.Apply(Configuration(("RetryPolicy", "IdempotenceAware"), ("MaxRetries", "-1")), negative);
        Assert.Contains("Cassandra:MaxRetries", Assert.Single(CassandraConfigurationBinder.ProblemsOf(negative)), StringComparison.Ordinal);
    }

    private static IConfigurationSection Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Cassandra:" + v.Key, v.Value))).Build().GetSection("Cassandra");
}
