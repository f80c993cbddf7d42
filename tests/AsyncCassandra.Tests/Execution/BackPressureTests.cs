using System.Diagnostics;
using System.Globalization;
using AsyncCassandra.Tests.Cluster;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests.Execution;

/// <summary>
/// Back-pressure against a scripted node whose replies to "SELECT ... slow" come late: when every stream id is taken,
/// requests wait in a bounded queue (CassandraOptions.MaxQueuedRequests) and one more fails at once with
/// <see cref="RequestQueueFullException"/>; MaxConcurrentRequests limits a session's requests in flight.
/// </summary>
public sealed class BackPressureTests
{
    private static (byte[] Body, int DelayMs)? Respond(string cql) =>
        cql.StartsWith("SELECT k FROM bp WHERE k = ", StringComparison.Ordinal)
            ? (new Body().Int(0x0002).Int(0x0001).Int(1).String("ks").String("bp").String("k").Short(0x0009).Int(1)
                .IntCell(int.Parse(cql["SELECT k FROM bp WHERE k = ".Length..], CultureInfo.InvariantCulture)).ToArray(), 300)
            : null;

    private static async Task<(int Ok, List<Exception> Errors, TimeSpan Elapsed)> RunAsync(AsyncSession session, int count, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var errors = new List<Exception>();
        int ok = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async k =>
        {
            try
            {
                RowSet rows = await session.ExecuteAsync(new SimpleStatement($"SELECT k FROM bp WHERE k = {k}") { Timeout = timeout });
                Assert.Equal(k, rows[0].Get<int>(0));
                Interlocked.Increment(ref ok);
            }
            catch (Exception ex)
            {
                lock (errors)
                {
                    errors.Add(ex);
                }
            }
        }));
        return (ok, errors, watch.Elapsed);
    }

    [Fact]
    public async Task When_every_stream_id_is_taken_requests_wait_in_the_bounded_queue_and_fail_typed_when_it_is_full()
    {
        await using var node = new ScriptedNode { Respond = Respond };
        var options = new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" }, MaxRequestsPerConnection = 4, MaxQueuedRequests = 8 };
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();

        // 4 on the wire, 8 waiting for a stream id, 5 refused at once.
        (int ok, List<Exception> errors, TimeSpan elapsed) = await RunAsync(session, 17);
        Assert.Equal(12, ok);
        Assert.Equal(5, errors.Count);
        RequestQueueFullException full = Assert.IsType<RequestQueueFullException>(errors[0]);
        Assert.All(errors, e => Assert.IsType<RequestQueueFullException>(e));
        Assert.Equal(8, full.QueueSize);
        Assert.Contains("MaxQueuedRequests", full.Message, StringComparison.Ordinal);
        Assert.Contains("stream id", full.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(3 * 280), $"three waves of replies took only {elapsed}"); // 4 + 4 + 4

        // A request that waits past its deadline fails with a timeout, and frees its place in the queue: the first wave
        // is answered at 300 ms, the second would be at 600 ms, past the 450 ms deadline, like the rest of the queue.
        (ok, errors, _) = await RunAsync(session, 12, TimeSpan.FromMilliseconds(450));
        Assert.Equal(4, ok);
        Assert.Equal(8, errors.Count);
        Assert.All(errors, e => Assert.IsType<TimeoutException>(e));
        (ok, _, _) = await RunAsync(session, 4);
        Assert.Equal(4, ok);
    }

    [Fact]
    public async Task MaxConcurrentRequests_limits_the_requests_in_flight_and_queues_the_rest_up_to_MaxQueuedRequests()
    {
        await using var node = new ScriptedNode { Respond = Respond };
        var options = new CassandraOptions { ContactPoints = { $"127.0.0.1:{node.Port}" }, MaxConcurrentRequests = 3, MaxQueuedRequests = 2 };
        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();

        (int ok, List<Exception> errors, TimeSpan elapsed) = await RunAsync(session, 10);
        Assert.Equal(5, ok);
        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.Contains("MaxConcurrentRequests", Assert.IsType<RequestQueueFullException>(e).Message, StringComparison.Ordinal));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(2 * 280), $"the queued requests did not wait for a slot ({elapsed})");
        Assert.Equal(0, session.QueuedRequests);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, "MaxQueuedRequests")]
    [InlineData(1_000_001, "MaxQueuedRequests")]
    public void MaxQueuedRequests_is_checked(int value, string? error)
    {
        var options = new CassandraOptions { ContactPoints = { "127.0.0.1" }, MaxQueuedRequests = value };
        if (error is null)
        {
            options.Validate();
        }
        else
        {
            Assert.Contains(error, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxConcurrentRequests_must_be_positive_or_null(int value)
    {
        var options = new CassandraOptions { ContactPoints = { "127.0.0.1" }, MaxConcurrentRequests = value };
        Assert.Contains("MaxConcurrentRequests", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
        options.MaxConcurrentRequests = null;
        options.Validate();
    }
}
