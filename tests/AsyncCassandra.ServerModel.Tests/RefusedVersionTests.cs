using System.Net;
using AsyncCassandra.Cluster;
using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// A node that refuses the cluster's protocol version (it closes the socket at STARTUP, or it is a 3.x node that
/// answers v5 with "USE_BETA flag is unset") is a node that cannot be reached: it is marked down with backoff, requests
/// go to the other nodes and the control connection moves past it. Model nodes on 127.0.0.61-64, one port.
/// </summary>
public sealed class RefusedVersionTests
{
    private static readonly IPAddress Good = IPAddress.Parse("127.0.0.61");
    private static readonly IPAddress Closing = IPAddress.Parse("127.0.0.62");
    private static readonly IPAddress Beta = IPAddress.Parse("127.0.0.63");
    private static readonly IPAddress Spare = IPAddress.Parse("127.0.0.64");

    private sealed class ModelCluster : IAsyncDisposable
    {
        public required ModelServer Good { get; init; }

        public required ModelServer Closing { get; init; }

        public required ModelServer Beta { get; init; }

        public ModelServer? Spare { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Good.DisposeAsync();
            await Closing.DisposeAsync();
            await Beta.DisposeAsync();
            if (Spare is not null)
            {
                await Spare.DisposeAsync();
            }
        }
    }

    private static ModelCluster Start(bool spare)
    {
        var data = ModelData.Sample();
        List<ModelPeer> Peers(IPAddress self, int port) =>
            [.. new[] { (Good, "datacenter1", "-6000"), (Closing, "datacenter1", "-2000"), (Beta, "datacenter1", "2000"), (Spare, "dc2", "6000") }
                .Where(p => !p.Item1.Equals(self) && (spare || !p.Item1.Equals(Spare)))
                .Select(p => new ModelPeer(p.Item1, port, p.Item2, Token: p.Item3))];
        // The first node picks the port; the others share it on their own addresses (as a real cluster does).
        var good = new ModelServer(new ModelServerOptions { Address = Good, Data = data, Token = "-6000" });
        int port = good.Port;
        return new ModelCluster
        {
            Good = Restart(good, new ModelServerOptions { Address = Good, Port = port, Data = data, Token = "-6000", Peers = Peers(Good, port) }),
            Closing = new ModelServer(new ModelServerOptions { Address = Closing, Port = port, Data = data, Token = "-2000", CloseAtStartup = true, Peers = Peers(Closing, port) }),
            Beta = new ModelServer(new ModelServerOptions { Address = Beta, Port = port, Data = data, Token = "2000", Versions = [3, 4, 5], BetaVersions = [5], ReleaseVersion = "3.11.16", Peers = Peers(Beta, port) }),
            Spare = spare ? new ModelServer(new ModelServerOptions { Address = Spare, Port = port, Data = data, Token = "6000", Datacenter = "dc2", Peers = Peers(Spare, port) }) : null,
        };
    }

    /// <summary>Replaces a server by one on the same port with other options (the first only reserved the port).</summary>
    private static ModelServer Restart(ModelServer server, ModelServerOptions options)
    {
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new ModelServer(options);
    }

    private static CassandraOptions Options(ModelCluster nodes)
    {
        var options = new CassandraOptions
        {
            Port = nodes.Good.Port,
            LocalDatacenter = "datacenter1",
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            // Long enough that a second round of reconnection cannot happen during a test.
            ReconnectBaseDelay = TimeSpan.FromSeconds(30),
            ReconnectMaxDelay = TimeSpan.FromSeconds(60),
        };
        options.ContactPoints.Add(Good.ToString());
        options.ContactPoints.Add(Closing.ToString());
        options.ContactPoints.Add(Beta.ToString());
        return options;
    }

    [Fact]
    public async Task Requests_succeed_on_the_good_node_and_the_refusing_nodes_are_marked_down()
    {
        await using ModelCluster nodes = Start(spare: false);
        await using var cluster = new AsyncCluster(Options(nodes));
        await using AsyncSession session = await cluster.ConnectAsync();
        Assert.Equal(5, cluster.ProtocolVersion);

        PreparedStatement byId = await session.PrepareAsync("SELECT name FROM ks.users WHERE id = ?");
        for (int i = 0; i < 30; i++)
        {
            // Every request succeeds: the refusing nodes are skipped, never surfaced (no internal exception type).
            Assert.Equal("ada", (await session.ExecuteAsync(byId.Bind(1))).Single().Get<string>("name"));
            Assert.Equal(3, (await session.ExecuteAsync("SELECT id FROM ks.users")).Count);
        }

        Host Node(IPAddress address) => cluster.Core.Hosts.Single(h => h.Address == address.ToString());
        Assert.True(Node(Good).IsUp);
        Assert.False(Node(Closing).IsUp);
        Assert.False(Node(Beta).IsUp);
        // With backoff: a handful of attempts, not one per request.
        Assert.InRange(nodes.Closing.ConnectionsAccepted, 1, 3);
        Assert.InRange(nodes.Beta.ConnectionsAccepted, 1, 3);
        Assert.Contains(nodes.Beta.CloseReasons, r => r.Contains("USE_BETA", StringComparison.Ordinal));
        Assert.All(nodes.Good.Requests, r => Assert.Equal(5, r.Version));
    }

    [Fact]
    public async Task The_control_connection_moves_past_nodes_that_refuse_the_version()
    {
        await using ModelCluster nodes = Start(spare: true);
        var logs = new ListLoggerFactory();
        CassandraOptions options = Options(nodes);
        options.LoggerFactory = logs;
        await using var cluster = new AsyncCluster(options);
        // The control connection alone (no session pools): the refusing nodes have not been tried yet.
        await cluster.Core.InitializeAsync(CancellationToken.None);
        Assert.Equal(5, cluster.ProtocolVersion);
        Assert.Contains(nodes.Good.Requests, r => r.Opcode == Opcodes.Register);

        // The control node goes away (after the 2 s a connection must live to count as healthy, so the control
        // connection reconnects at once); the local nodes left refuse v5, the remote-DC one speaks it.
        await Task.Delay(TimeSpan.FromMilliseconds(2100));
        await nodes.Good.DisposeAsync();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!nodes.Spare!.Requests.Any(r => r.Opcode == Opcodes.Register))
        {
            // Before the fix the first refusal escaped the candidate loop: the next try came after the 30 s backoff.
            await Task.Delay(50, deadline.Token);
        }

        Host Node(IPAddress address) => cluster.Core.Hosts.Single(h => h.Address == address.ToString());
        Assert.False(Node(Closing).IsUp);
        Assert.False(Node(Beta).IsUp);
        Assert.Equal(1, nodes.Closing.ConnectionsAccepted);
        Assert.Equal(1, nodes.Beta.ConnectionsAccepted);
        // A refused version is an ordinary failure of that node: nothing "unexpected" was logged.
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
