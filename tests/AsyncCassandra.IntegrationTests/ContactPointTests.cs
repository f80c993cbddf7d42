using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// Contact points that are not Cassandra (a wrong port, an HTTP service or proxy in front of a node) fail only
/// themselves: the next contact point is tried, and only when all fail does the caller get NoHostAvailable with each
/// host's reason. Connecting to the real node logs negotiation at Debug, never a warning.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class ContactPointTests(NodeFixture fixture)
{
    [SkippableFact]
    public async Task A_contact_point_answering_http_400_is_skipped_and_the_next_one_connects()
    {
        Skip.If(fixture.Node.IsExternal, "needs the local node's port free on another loopback address");
        await using var http = HttpLikeServer.Start(IPAddress.Parse("127.0.0.77"), fixture.Node.Port);
        CassandraOptions options = fixture.NewOptions();
        options.ContactPoints.Insert(0, "127.0.0.77");

        await using var cluster = new AsyncCluster(options);
        await using AsyncSession session = await cluster.ConnectAsync();

        Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
        Assert.True(http.Connections > 0, "the HTTP contact point was never tried first");
    }

    [SkippableFact]
    public async Task When_every_contact_point_is_not_cassandra_no_host_available_names_each_hosts_reason()
    {
        Skip.If(fixture.Node.IsExternal, "needs free loopback addresses");
        await using var first = HttpLikeServer.Start(IPAddress.Parse("127.0.0.77"), fixture.Node.Port);
        await using var second = HttpLikeServer.Start(IPAddress.Parse("127.0.0.78"), fixture.Node.Port);
        var options = new CassandraOptions { Port = fixture.Node.Port, ContactPoints = { "127.0.0.77", "127.0.0.78" } };

        await using var cluster = new AsyncCluster(options);
        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());

        Assert.Equal(2, error.Errors.Count);
        foreach (string host in new[] { "127.0.0.77", "127.0.0.78" })
        {
            Exception reason = error.Errors[$"{host}:{fixture.Node.Port}"];
            Assert.IsAssignableFrom<ConnectionException>(reason);
            Assert.Contains("did not answer as Cassandra", reason.Message, StringComparison.Ordinal);
            Assert.Contains("\"HTTP/1.1", reason.Message, StringComparison.Ordinal);
        }

        Assert.Contains("did not answer as Cassandra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiating_down_to_the_nodes_version_logs_at_debug_without_exceptions()
    {
        using var logs = new RecordingLoggerFactory();
        CassandraOptions options = fixture.NewOptions();
        options.LoggerFactory = logs;

        await using (var cluster = new AsyncCluster(options))
        {
            await using AsyncSession session = await cluster.ConnectAsync();
            await session.ExecuteAsync("SELECT release_version FROM system.local");
        }

        IReadOnlyList<LogRecord> records = logs.Records;
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        Assert.DoesNotContain(records, r => r.Exception is not null);
        if (!fixture.Node.IsExternal)
        {
            // The local node speaks v3: v5 (and v4) were refused on the way down, which is normal negotiation.
            Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.Contains("refused protocol v5", StringComparison.Ordinal));
        }
    }

    /// <summary>A TCP service that answers whatever arrives with an HTTP 400 and closes, like a web server on the wrong port.</summary>
    private sealed class HttpLikeServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _connections;

        private HttpLikeServer(TcpListener listener)
        {
            _listener = listener;
            _loop = Task.Run(AcceptAsync);
        }

        public int Connections => Volatile.Read(ref _connections);

        public static HttpLikeServer Start(IPAddress address, int port)
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            return new HttpLikeServer(listener);
        }

        private async Task AcceptAsync()
        {
            byte[] reply = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                using (socket)
                {
                    try
                    {
                        byte[] request = new byte[1024];
                        await socket.ReceiveAsync(request, SocketFlags.None, _stop.Token);
                        await socket.SendAsync(reply, SocketFlags.None, _stop.Token);
                        socket.Shutdown(SocketShutdown.Both);
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (SocketException)
                    {
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }
    }
}
