using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// The pooled completion of a request and the connection's timeout sweep: the sweep reads a request, checks its
/// deadline, then expires it, and between the two the request may complete, return to the pool and start again for
/// another request. A generation taken before the check keeps a stale reference from expiring that other request.
/// </summary>
public sealed class PendingRequestTests
{
    private static readonly ConnectionSettings Settings = new() { HeartbeatInterval = TimeSpan.Zero };

    private static async Task<(ScriptedServer Server, Connection Connection)> OpenAsync()
    {
        var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        return (server, connection);
    }

    [Fact]
    public async Task A_stale_reference_cannot_expire_the_request_that_reused_the_pooled_object()
    {
        (ScriptedServer server, Connection connection) = await OpenAsync();
        await using ScriptedServer s = server;
        await using Connection c = connection;
        var pending = new PendingRequest(connection);

        // First use: past its deadline when the sweep reads it.
        pending.Start(1, deadlineTicks: 0, CancellationToken.None);
        long seen = pending.Generation;
        Assert.True(pending.DeadlineTicks <= Environment.TickCount64 && !pending.IsCompleted); // the sweep's check passes

        // Before the sweep acts, the reply comes (here: the connection fails it), the caller takes the outcome, and the
        // object is recycled and started for a new request with a distant deadline.
        pending.ReleaseSlot();
        pending.Fail(new ConnectionException("first use done"));
        await Assert.ThrowsAsync<ConnectionException>(async () => await pending.Task);
        pending.Start(2, long.MaxValue, CancellationToken.None);
        Assert.NotEqual(seen, pending.Generation);

        // The sweep now acts on what it read: the new request must not time out.
        Assert.False(pending.Expire(seen));
        Assert.False(pending.IsCompleted);
        ValueTask<ResponseFrame> second = pending.Task;
        Assert.False(second.IsCompleted);
        Assert.Equal(0, connection.Orphaned);

        // Its own generation still expires it.
        Assert.True(Connection.ExpireIfDue(pending, pending.Generation, long.MaxValue));
        await Assert.ThrowsAsync<RequestTimedOutException>(async () => await second);
        Assert.Equal(1, connection.Orphaned); // its id stays reserved until the late reply
        pending.ReleaseSlot();
        Assert.Equal(0, connection.Orphaned);
    }

    [Fact]
    public async Task The_sweep_expires_a_due_request_of_the_current_generation_only_once()
    {
        (ScriptedServer server, Connection connection) = await OpenAsync();
        await using ScriptedServer s = server;
        await using Connection c = connection;
        var pending = new PendingRequest(connection);
        pending.Start(3, deadlineTicks: 0, CancellationToken.None);
        long generation = pending.Generation;
        Assert.True(Connection.ExpireIfDue(pending, generation, Environment.TickCount64));
        Assert.False(Connection.ExpireIfDue(pending, generation, Environment.TickCount64));
        Assert.False(Connection.ExpireIfDue(pending, generation - 1, Environment.TickCount64));
        await Assert.ThrowsAsync<RequestTimedOutException>(async () => await pending.Task);
        Assert.Equal(1, connection.Orphaned);
    }

    [Fact]
    public async Task A_cancelled_request_becomes_an_orphan_only_when_its_deadline_passes_without_a_reply()
    {
        (ScriptedServer server, Connection connection) = await OpenAsync();
        await using ScriptedServer s = server;
        await using Connection c = connection;
        var pending = new PendingRequest(connection);
        using var cts = new CancellationTokenSource();
        pending.Start(4, deadlineTicks: 1000, cts.Token);
        long generation = pending.Generation;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.Task);
        Assert.Equal(0, connection.Orphaned); // a late reply usually follows a cancellation

        Assert.False(pending.OrphanIfOverdue(generation - 1)); // a stale reference counts nothing
        Assert.True(pending.OrphanIfOverdue(generation)); // the sweep, past the deadline
        Assert.False(pending.OrphanIfOverdue(generation)); // once
        Assert.Equal(1, connection.Orphaned);
        pending.ReleaseSlot(); // the late reply after all
        Assert.Equal(0, connection.Orphaned);
    }
}
