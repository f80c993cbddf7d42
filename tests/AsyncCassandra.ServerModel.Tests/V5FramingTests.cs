using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// Protocol v5 framing end to end between the client and the model (v5 §2.1-2.3): many requests in segments,
/// envelopes larger than a segment both ways, LZ4, and a corrupt segment. (These ran against a scripted peer built on
/// the client's own segment codec; the model has its own, checked against the Python driver.)
/// </summary>
public sealed class V5FramingTests
{
    private static ModelServer Server() => new(); // ModelData.Sample(): ks.users, ks.big, ks.texts

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_requests_and_replies_travel_in_segments(bool lz4)
    {
        await using ModelServer server = Server();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync("ks");
        PreparedStatement byId = await session.PrepareAsync("SELECT name FROM users WHERE id = ?");

        string?[] names = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i => (await session.ExecuteAsync(byId.Bind((i % 3) + 1))).Single().Get<string?>("name")));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => new[] { "ada", "grace", "barbara" }[i % 3]), names);
        Assert.All(server.Requests.Where(r => r.Opcode == Opcodes.Execute), r => Assert.True(r.Framed && r.Compressed == lz4));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Envelopes_larger_than_a_segment_span_several_segments_both_ways(bool lz4)
    {
        // 300,000 characters > 128 KiB - 1 (v5 §2.1): a sequence of segments that are not self-contained, each way.
        string big = string.Create(300_000, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i * 7919) % 26));
            }
        });
        await using ModelServer server = Server();
        await using var cluster = new AsyncCluster(ClientHandshakeTests.Options(server, lz4, auth: false));
        await using AsyncSession session = await cluster.ConnectAsync("ks");

        await session.ExecuteAsync(new SimpleStatement("INSERT INTO texts (id, body) VALUES (?, ?)", 1, big));
        Assert.Equal(big, (await session.ExecuteAsync("SELECT body FROM texts WHERE id = 1")).Single().Get<string>("body"));
        Assert.Equal("ada", (await session.ExecuteAsync("SELECT name FROM users WHERE id = 1")).Single().Get<string>("name"));
        Assert.Equal(0, server.CrcMismatches);
    }

    [Fact]
    public async Task A_segment_with_a_bad_checksum_closes_the_connection_and_fails_its_requests()
    {
        await using ModelServer server = Server();
        var settings = new ConnectionSettings { HeartbeatInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using Connection connection = await Connection.OpenAsync(server.Address.ToString(), server.Port, 5, null, settings, CancellationToken.None);
        server.CorruptNextReply();

        var query = new QueryRequest("SELECT * FROM ks.users", new QueryParameters { Consistency = ConsistencyLevel.One });
        ConnectionException error = await Assert.ThrowsAsync<ConnectionException>(() => connection.SendAsync(query, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Contains("CRC32", error.Message, StringComparison.Ordinal);
        Assert.True(connection.IsClosed);
    }
}
