using System.Text;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Connections;

/// <summary>Protocol v5 framing end to end over a socket (v5 §2.1-2.3): handshake, segments, large envelopes, LZ4, corruption.</summary>
public sealed class V5ConnectionTests
{
    private static ConnectionSettings Settings(CompressionAlgorithm compression = CompressionAlgorithm.None) =>
        new() { HeartbeatInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5), Compression = compression };

    private static QueryRequest Query(string cql) => new(cql, new QueryParameters { Consistency = ConsistencyLevel.One });

    /// <summary>A v5 RESULT Rows with one text column and one row holding <paramref name="value"/> (v5 §4.2.5.2, global table spec).</summary>
    private static byte[] TextRow(short stream, string value)
    {
        var body = new List<byte>();
        void Int(int v) => body.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        void Str(string v) { byte[] b = Encoding.UTF8.GetBytes(v); body.AddRange([(byte)(b.Length >> 8), (byte)b.Length]); body.AddRange(b); }
        Int(2);          // kind Rows
        Int(1);          // flags: Global_tables_spec
        Int(1);          // columns
        Str("ks");
        Str("t");
        Str("v");
        body.AddRange([0x00, 0x0D]); // varchar
        Int(1);          // rows
        byte[] text = Encoding.UTF8.GetBytes(value);
        Int(text.Length);
        body.AddRange(text);
        return V5ScriptedServer.Envelope(0x08, stream, [.. body]);
    }

    private static string Echo(byte[] queryBody) => Encoding.UTF8.GetString(queryBody, 4, (queryBody[0] << 24) | (queryBody[1] << 16) | (queryBody[2] << 8) | queryBody[3]);

    [Theory]
    [InlineData(CompressionAlgorithm.None)]
    [InlineData(CompressionAlgorithm.Lz4)]
    public async Task Requests_and_replies_travel_in_segments_after_ready(CompressionAlgorithm compression)
    {
        await using var server = new V5ScriptedServer(r => TextRow(r.Stream, "echo:" + Echo(r.Body)));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 5, null, Settings(compression), CancellationToken.None);
        Assert.Equal(5, connection.Version);
        Task<ResponseFrame>[] requests = [.. Enumerable.Range(0, 200).Select(i => connection.SendAsync(Query($"SELECT {i}"), CancellationToken.None).AsTask())];
        ResponseFrame[] frames = await Task.WhenAll(requests);
        for (int i = 0; i < frames.Length; i++)
        {
            var rows = RowSet.From(ResponseReader.Read(frames[i], 5, null), ResultBuffers.Owned);
            Assert.Equal($"echo:SELECT {i}", rows[0].Get<string>(0));
        }
    }

    [Theory]
    [InlineData(CompressionAlgorithm.None)]
    [InlineData(CompressionAlgorithm.Lz4)]
    public async Task Envelopes_larger_than_a_segment_span_several_segments_both_ways(CompressionAlgorithm compression)
    {
        // 300,000 characters > 128 KiB - 1 (v5 §2.1): a non-self-contained sequence of segments each way.
        string big = string.Create(300_000, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i * 7919) % 26));
            }
        });
        await using var server = new V5ScriptedServer(r => TextRow(r.Stream, Echo(r.Body)));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 5, null, Settings(compression), CancellationToken.None);
        ResponseFrame frame = await connection.SendAsync(Query(big), CancellationToken.None);
        var rows = RowSet.From(ResponseReader.Read(frame, 5, null), ResultBuffers.Owned);
        Assert.Equal(big, rows[0].Get<string>(0));
        ResponseFrame small = await connection.SendAsync(Query("after"), CancellationToken.None);
        Assert.Equal("after", RowSet.From(ResponseReader.Read(small, 5, null), ResultBuffers.Owned)[0].Get<string>(0));
    }

    [Fact]
    public async Task A_segment_with_a_bad_checksum_closes_the_connection_and_fails_its_requests()
    {
        await using var server = new V5ScriptedServer(r => TextRow(r.Stream, "x"));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 5, null, Settings(), CancellationToken.None);
        server.CorruptNextReply = true;
        var error = await Assert.ThrowsAsync<ConnectionException>(() => connection.SendAsync(Query("SELECT 1"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Contains("CRC32", error.Message, StringComparison.Ordinal);
        Assert.True(connection.IsClosed);
    }
}
