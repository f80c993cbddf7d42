using System.Net;
using System.Net.Sockets;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// Connections with their own I/O thread (CassandraOptions.DedicatedIoThreads, the default for plain TCP): replies are
/// completed on that thread, the requests their continuations issue leave from it, a continuation that blocks there
/// does not stall the connection, and the thread-pool mode still works when switched on.
/// </summary>
public sealed class OwnIoThreadTests
{
    private static readonly ConnectionSettings Settings = new() { HeartbeatInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) };

    private static QueryRequest Query(string cql) => new(cql, new QueryParameters { Consistency = ConsistencyLevel.One });

    [Fact]
    public async Task Replies_are_completed_on_the_connections_own_thread_and_the_next_request_leaves_from_it()
    {
        await using var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        Assert.True(connection.HasOwnIoThread);
        (int inlineBefore, int loopBefore) = connection.Writes;

        const int Requests = 200;
        int onIoThread = await Task.Run(async () =>
        {
            int count = 0;
            for (int i = 0; i < Requests; i++)
            {
                ResponseFrame frame = await connection.SendAsync(Query($"SELECT {i}"), CancellationToken.None).ConfigureAwait(false);
                frame.Release();
                if (Thread.CurrentThread.Name == "AsyncCassandra I/O")
                {
                    count++;
                }
            }

            return count;
        });

        (int inlineAfter, int loopAfter) = connection.Writes;
        // The first request leaves from the test's thread; every later one is issued by a continuation on the I/O thread.
        Assert.True(onIoThread >= Requests - 5, $"{onIoThread} of {Requests} continuations ran on the connection's I/O thread");
        Assert.True(inlineAfter - inlineBefore >= Requests - 5, $"{inlineAfter - inlineBefore} of {Requests} requests were written without the writer loop");
        Assert.True(loopAfter - loopBefore <= 5, $"the writer loop ran {loopAfter - loopBefore} rounds for {Requests} sequential requests");
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_the_IO_thread_hands_the_reading_to_a_new_thread()
    {
        int replies = 0;
        await using var server = new ScriptedServer(r =>
        {
            if (Interlocked.Increment(ref replies) == 1)
            {
                // The first reply waits until the caller's continuation is registered, so that it runs on the I/O
                // thread (a reply arriving before the await would let the caller's own thread go on synchronously).
                Thread.Sleep(100);
            }

            return ScriptedServer.VoidResult(r.Stream);
        });
        // The heartbeat timer (which also watches for a stuck I/O thread) runs whatever the heartbeat interval.
        var logs = new RecordingLogger();
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings with { Logger = logs }, CancellationToken.None);
        Assert.Equal(0, connection.ReaderTakeOvers);
        Task<string?> blocked = Task.Run(async () =>
        {
            ResponseFrame first = await connection.SendAsync(Query("SELECT 1"), CancellationToken.None).ConfigureAwait(false);
            first.Release();
            string? thread = Thread.CurrentThread.Name;
            // Blocks the I/O thread until the reply to SELECT 2 arrives: only another reader can deliver it.
            ResponseFrame second = connection.SendAsync(Query("SELECT 2"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            second.Release();
            return thread;
        });

        Assert.Same(blocked, await Task.WhenAny(blocked, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal("AsyncCassandra I/O", await blocked);
        Assert.Equal(1, connection.ReaderTakeOvers);
        RecordingLogger.Record warning = Assert.Single(logs.Snapshot(), r => r.EventId.Name == "IoThreadTakenOver");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("127.0.0.1:", warning.Message, StringComparison.Ordinal);

        // The new reader goes on serving the connection, and quick continuations never trigger another take-over.
        for (int i = 0; i < 50; i++)
        {
            ResponseFrame frame = await connection.SendAsync(Query($"SELECT {i}"), CancellationToken.None);
            frame.Release();
        }

        Assert.Equal(1, connection.ReaderTakeOvers);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task With_own_IO_threads_switched_off_replies_complete_on_the_thread_pool_and_the_writer_loop_sends()
    {
        await using var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings with { DedicatedIoThreads = false }, CancellationToken.None);
        Assert.False(connection.HasOwnIoThread);
        (int inlineBefore, int loopBefore) = connection.Writes;
        bool anyOnPool = await Task.Run(async () =>
        {
            bool pool = false;
            for (int i = 0; i < 50; i++)
            {
                ResponseFrame frame = await connection.SendAsync(Query($"SELECT {i}"), CancellationToken.None).ConfigureAwait(false);
                frame.Release();
                pool |= Thread.CurrentThread.IsThreadPoolThread;
            }

            return pool;
        });

        (int inlineAfter, int loopAfter) = connection.Writes;
        Assert.True(anyOnPool);
        Assert.Equal(inlineBefore, inlineAfter);
        Assert.True(loopAfter - loopBefore >= 50, $"the writer loop ran {loopAfter - loopBefore} rounds for 50 sequential requests");
    }

    [Fact]
    public async Task Connecting_with_an_own_IO_thread_to_a_closed_port_fails_at_once_with_a_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ConnectionException>(() => Connection.OpenAsync("127.0.0.1", port, 3, null, Settings, CancellationToken.None));
        Assert.Contains("Cannot connect to 127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the refusal took {watch.Elapsed.TotalSeconds:0.0} s (connect timeout 5 s)");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("::ffff:127.0.0.1")] // an IPv4-mapped IPv6 address, as system.peers may name a node
    public async Task A_connection_by_host_name_or_mapped_address_gets_its_own_IO_thread_and_works(string host)
    {
        await using var server = new ScriptedServer(r => ScriptedServer.VoidResult(r.Stream));
        await using Connection connection = await Connection.OpenAsync(host, server.Port, 3, null, Settings, CancellationToken.None);
        Assert.True(connection.HasOwnIoThread);
        ResponseFrame frame = await connection.SendAsync(Query("SELECT 1"), CancellationToken.None);
        Assert.Equal(Opcode.Result, frame.Header.Opcode);
        frame.Release();
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<Record> _records = [];

        public IReadOnlyList<Record> Snapshot()
        {
            lock (_records)
            {
                return [.. _records];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_records)
            {
                _records.Add(new Record(logLevel, eventId, formatter(state, exception)));
            }
        }

        public sealed record Record(LogLevel Level, EventId EventId, string Message);
    }
}
