using System.Diagnostics;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Connections;

/// <summary>The connection's multiplexing, framing and failure behaviour, driven by a scripted byte server.</summary>
public sealed class ConnectionTests
{
    private static readonly ConnectionSettings Settings = new() { HeartbeatInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) };

    private static QueryRequest Query(string cql) => new(cql, new QueryParameters { Consistency = ConsistencyLevel.One });

    [Fact]
    public async Task Negotiation_steps_down_from_v5_to_the_version_the_server_speaks()
    {
        // The scripted server refuses v5 and v4 with the protocol error Cassandra sends (v4 §9, 0x000A), naming v3.
        await using var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{server.Port}" } });
        await using AsyncSession session = await cluster.ConnectAsync();
        Assert.Equal(3, cluster.ProtocolVersion);
        await Assert.ThrowsAsync<VersionRefusedException>(() => Connection.OpenAsync("127.0.0.1", server.Port, 4, null, Settings, CancellationToken.None));

        await using var demanding = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{server.Port}" }, MinimumProtocolVersion = 4 });
        var error = await Assert.ThrowsAsync<ProtocolVersionException>(() => demanding.ConnectAsync());
        Assert.Equal(3, error.ServerVersion);
        Assert.Contains("v3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_frame_fails_every_in_flight_request_with_a_typed_error_and_never_hangs()
    {
        int count = 0;
        await using var server = new ScriptedServer(r =>
        {
            // The tenth request gets a frame whose header says it is a request (direction bit clear): a protocol violation.
            if (Interlocked.Increment(ref count) == 10)
            {
                byte[] bad = ScriptedServer.VoidResult(r.Stream);
                bad[0] = 0x03;
                return bad;
            }

            return null; // the others never get a reply
        });
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        Task<ResponseFrame>[] requests = [.. Enumerable.Range(0, 10).Select(i => connection.SendAsync(Query($"SELECT {i}"), CancellationToken.None).AsTask())];
        var watch = Stopwatch.StartNew();
        foreach (Task<ResponseFrame> request in requests)
        {
            var error = await Assert.ThrowsAsync<ConnectionException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.IsType<ProtocolException>(error.InnerException);
            Assert.Contains("request direction bit", error.Message, StringComparison.Ordinal);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(connection.IsClosed);
        await Assert.ThrowsAsync<ConnectionException>(() => connection.SendAsync(Query("SELECT 1"), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_reply_on_a_stream_nobody_waits_for_is_dropped_and_the_connection_keeps_working()
    {
        await using var server = new ScriptedServer(r =>
        {
            byte[] stray = ScriptedServer.VoidResult(unchecked((short)(r.Stream + 1000)));
            byte[] real = ScriptedServer.VoidResult(r.Stream);
            return [.. stray, .. real];
        });
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        for (int i = 0; i < 5; i++)
        {
            ResponseFrame frame = await connection.SendAsync(Query("SELECT 1"), CancellationToken.None);
            Assert.Equal(Opcode.Result, frame.Header.Opcode);
            frame.Release();
        }

        Assert.False(connection.IsClosed);
        Assert.Equal(0, connection.InFlight);
    }

    [Fact]
    public async Task Concurrent_requests_are_coalesced_into_few_socket_writes()
    {
        var release = new TaskCompletionSource();
        await using var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        int readsBefore = server.Reads;
        int framesBefore = server.FramesReceived;
        Task<ResponseFrame>[] requests = [.. Enumerable.Range(0, 2000).Select(i => connection.SendAsync(Query($"SELECT {i} FROM t"), CancellationToken.None).AsTask())];
        foreach (ResponseFrame frame in await Task.WhenAll(requests))
        {
            frame.Release();
        }

        int frames = server.FramesReceived - framesBefore;
        int reads = server.Reads - readsBefore;
        Assert.Equal(2000, frames);
        Assert.True(reads < frames / 10, $"2000 frames arrived in {reads} reads: the writer did not coalesce");
    }

    [Fact]
    public async Task Cancelling_keeps_the_stream_id_until_the_late_reply_and_frees_it_then()
    {
        var replies = new List<short>();
        var gate = new SemaphoreSlim(0);
        await using var server = new ScriptedServer(r =>
        {
            lock (replies)
            {
                replies.Add(r.Stream);
            }

            gate.Release();
            return null;
        });
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        ValueTask<ResponseFrame> pending = connection.SendAsync(Query("SELECT slow"), cts.Token);
        await gate.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        // The server has not answered: the id is still reserved so a late reply cannot be mistaken for another request's.
        Assert.Equal(1, connection.InFlight);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task A_request_past_its_deadline_times_out_without_a_timer_and_keeps_its_stream_id()
    {
        await using var server = new ScriptedServer(_ => null); // never answers
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        ValueTask<ResponseFrame> pending = connection.SendAsync(Query("SELECT slow"), Environment.TickCount64 + 100, CancellationToken.None);
        await Assert.ThrowsAsync<RequestTimedOutException>(async () => await pending);
        // Expired near its deadline, not never (timer callbacks can wait for a free pool thread when other tests block one).
        Assert.InRange(watch.ElapsedMilliseconds, 90, 3000);
        Assert.Equal(1, connection.InFlight);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task A_continuation_that_blocks_inside_a_reply_batch_does_not_hold_back_its_own_request()
    {
        int replies = 0;
        await using var server = new ScriptedServer(r =>
        {
            if (Interlocked.Increment(ref replies) == 1)
            {
                // The first reply waits until the caller's continuation is registered, so it runs in the reply batch.
                Thread.Sleep(50);
            }

            return ScriptedServer.VoidResult(r.Stream);
        });
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        Task<bool> blockedInline = Task.Run(async () =>
        {
            ResponseFrame first = await connection.SendAsync(Query("SELECT 1"), CancellationToken.None).ConfigureAwait(false);
            first.Release();
            // Now inside the reply batch (continuations run inline there): block on a second request.
            bool inBatch = ReferenceEquals(CompletionBatch.Completing, connection);
            ResponseFrame second = connection.SendAsync(Query("SELECT 2"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            second.Release();
            return inBatch;
        });
        Assert.Same(blockedInline, await Task.WhenAny(blockedInline, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(await blockedInline, "the continuation did not run inline in the reply batch");
    }
}
