using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// The model at the byte level, through a raw socket and with known-answer values from the Python driver's own
/// cassandra.segment (compute_crc24, compute_crc32): framing, checksums, what it refuses and how.
/// </summary>
public sealed class ModelWireTests
{
    [Fact]
    public void Spec_v5_2_1_CRC24_of_headers_matches_the_python_driver()
    {
        // python: compute_crc24(0x123 | 1 << 17, 3) and compute_crc24(0x40 | 0x80 << 17 | 1 << 34, 5)
        Assert.Equal(0xFF044E, Checksums.Crc24(0x123 | (1UL << 17), 3));
        Assert.Equal(0x7C0944, Checksums.Crc24(0x40 | (0x80UL << 17) | (1UL << 34), 5));
    }

    [Fact]
    public void Spec_v5_2_1_payload_CRC32_is_zlib_crc32_seeded_with_FA2D55CA()
    {
        Assert.Equal(0xCBF43926u, Checksums.Crc32("123456789"u8, 0)); // the standard check value
        Assert.Equal(0xE2A261A7u, Checksums.SegmentCrc32("123456789"u8)); // python: compute_crc32(b"123456789", CRC32_INITIAL)
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_v5_2_an_envelope_over_128_KiB_is_split_into_segments_that_are_not_self_contained(bool lz4)
    {
        byte[] envelope = Responses.Envelope(5, 0, 1, Opcodes.Result, Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());
        byte[] small = Responses.Envelope(5, 0, 2, Opcodes.Ready, []);
        byte[] wire = Segments.Encode([small, envelope], lz4);

        var payloads = new List<(byte[] Payload, bool SelfContained)>();
        for (int offset = 0; offset < wire.Length;)
        {
            Assert.True(Segments.TryDecode(wire.AsSpan(offset), lz4, out byte[] payload, out bool selfContained, out int consumed));
            Assert.InRange(payload.Length, 1, Segments.MaxPayload);
            payloads.Add((payload, selfContained));
            offset += consumed;
        }

        // The small envelope alone in a self-contained segment, then 300,009 bytes in three parts.
        Assert.Equal(4, payloads.Count);
        Assert.True(payloads[0].SelfContained);
        Assert.Equal(small, payloads[0].Payload);
        Assert.All(payloads.Skip(1), p => Assert.False(p.SelfContained));
        Assert.Equal(envelope, payloads.Skip(1).SelectMany(p => p.Payload).ToArray());
    }

    [Fact]
    public void Spec_v5_8_failure_bodies_carry_a_reason_map_on_v5_and_a_count_on_v4()
    {
        var reasons = new Dictionary<System.Net.IPAddress, short> { [System.Net.IPAddress.Parse("127.0.0.2")] = 1 };
        // <cl> QUORUM, <received> 1, <blockfor> 2, <reasonmap> 1 × ([inetaddr] 127.0.0.2, [short] 1), <write_type> SIMPLE
        Assert.Equal(Convert.FromHexString("0004" + "00000001" + "00000002" + "00000001" + "047F000002" + "0001" + "0006" + "53494D504C45"), ModelErrors.WriteFailure(5, 4, 1, 2, reasons, "SIMPLE").Extra);
        // v4 §9: <numfailures> [int] instead of the map
        Assert.Equal(Convert.FromHexString("0004" + "00000001" + "00000002" + "00000001" + "0006" + "53494D504C45"), ModelErrors.WriteFailure(4, 4, 1, 2, reasons, "SIMPLE").Extra);
        Assert.Equal(Convert.FromHexString("0001" + "00000000" + "00000001" + "00000001" + "047F000002" + "0001" + "00"), ModelErrors.ReadFailure(5, 1, 0, 1, reasons, false).Extra);
        // <contentions> [short] only for CAS, only on v5
        Assert.Equal(Convert.FromHexString("0009" + "00000000" + "00000001" + "0003" + "434153" + "0002"), ModelErrors.WriteTimeout(5, 9, 0, 1, "CAS", 2).Extra);
        Assert.Equal(Convert.FromHexString("0009" + "00000000" + "00000001" + "0003" + "434153"), ModelErrors.WriteTimeout(4, 9, 0, 1, "CAS", 2).Extra);
        Assert.Equal(Convert.FromHexString("0002" + "6B73" + "0001" + "66" + "0001" + "0003" + "696E74"), ModelErrors.FunctionFailure("ks", "f", ["int"]).Extra);
    }

    [Fact]
    public async Task Intercepted_requests_get_the_error_the_test_chose()
    {
        await using var server = new ModelServer(new ModelServerOptions { Intercept = r => r.Query == "SELECT * FROM ks.users" ? ModelErrors.ReadTimeout(1, 0, 1, false) : null });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(4, lz4: false));
        await ReadEnvelopeAsync(socket);
        await SendAsync(socket, Envelope(4, 1, Opcodes.Query, new WireWriter().LongString("SELECT * FROM ks.users").Short(1).Byte(0).ToArray()));
        var reader = new WireReader((await ReadEnvelopeAsync(socket)).Body);
        Assert.Equal(0x1200, reader.ReadInt());
        reader.ReadString();
        Assert.Equal((1, 0, 1, (byte)0), (reader.ReadShort(), reader.ReadInt(), reader.ReadInt(), reader.ReadByte()));
    }

    [Theory]
    [InlineData(6, 5)] // too new: answered in the highest version the node speaks
    [InlineData(66, 5)] // a DSE version number
    [InlineData(1, 1)] // too old: answered in that version (Cassandra's ProtocolVersion.decode)
    public async Task An_unsupported_version_gets_PROTOCOL_ERROR_and_the_connection_closes(int asked, int answeredIn)
    {
        await using var server = new ModelServer();
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(asked, lz4: false));

        (byte[] header, byte[] body) = await ReadEnvelopeAsync(socket);
        Assert.Equal(0x80 | answeredIn, header[0]);
        Assert.Equal(Opcodes.Error, header[4]);
        var reader = new WireReader(body);
        Assert.Equal(ErrorCodes.ProtocolError, reader.ReadInt());
        Assert.Equal($"Invalid or unsupported protocol version ({asked}); supported versions are (3/v3, 4/v4, 5/v5)", reader.ReadString());
        Assert.Equal(0, await socket.ReceiveAsync(new byte[1]));
    }

    [Fact]
    public async Task A_node_speaking_v4_at_most_answers_v5_in_v4()
    {
        await using var server = new ModelServer(new ModelServerOptions { Versions = [3, 4] });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(5, lz4: false));
        (byte[] header, byte[] body) = await ReadEnvelopeAsync(socket);
        Assert.Equal(0x84, header[0]);
        Assert.Contains("supported versions are (3/v3, 4/v4)", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_3_x_node_refuses_beta_v5_without_USE_BETA_in_a_v5_envelope_and_accepts_it_with_the_flag()
    {
        var options = new ModelServerOptions { Versions = [3, 4, 5], BetaVersions = [5], ReleaseVersion = "3.11.16" };
        await using var server = new ModelServer(options);
        using (Socket socket = await ConnectAsync(server))
        {
            await SendAsync(socket, Startup(5, lz4: false));
            (byte[] header, byte[] body) = await ReadEnvelopeAsync(socket);
            Assert.Equal(0x85, header[0]);
            var reader = new WireReader(body);
            Assert.Equal(ErrorCodes.ProtocolError, reader.ReadInt());
            Assert.Equal("Beta version of the protocol used (5/v5-beta), but USE_BETA flag is unset", reader.ReadString());
            Assert.Equal(0, await socket.ReceiveAsync(new byte[1]));
        }

        using (Socket socket = await ConnectAsync(server))
        {
            byte[] startup = Startup(5, lz4: false);
            startup[1] |= 0x10;
            await SendAsync(socket, startup);
            (byte[] header, _) = await ReadEnvelopeAsync(socket);
            Assert.Equal((0x85, Opcodes.Ready), (header[0], header[4]));
        }
    }

    [Fact]
    public async Task Spec_v5_2_3_1_after_AUTHENTICATE_an_uncompressed_segment_on_an_LZ4_connection_fails_its_CRC_and_is_dropped()
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = ("u", "p") });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(5, lz4: true));
        (byte[] header, _) = await ReadEnvelopeAsync(socket);
        Assert.Equal(Opcodes.Authenticate, header[4]); // unframed, as §2.3.1 says

        // What a client that switches compression on only after the login sends: the right bytes, the wrong framing.
        byte[] authResponse = Envelope(5, 1, Opcodes.AuthResponse, new WireWriter().Bytes("\0u\0p"u8.ToArray()).ToArray());
        await SendAsync(socket, Segments.Encode([authResponse], compressed: false));

        Assert.Equal(0, await socket.ReceiveAsync(new byte[64])); // no reply: closed
        await WaitUntilAsync(() => server.CrcMismatches == 1);
        Assert.Contains(server.CloseReasons, r => r.Contains("CRC24 mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spec_v5_2_3_1_the_login_runs_in_LZ4_segments_and_a_corrupt_payload_is_dropped()
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = ("u", "p") });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(5, lz4: true));
        await ReadEnvelopeAsync(socket);

        await SendAsync(socket, Segments.Encode([Envelope(5, 1, Opcodes.AuthResponse, new WireWriter().Bytes("\0u\0p"u8.ToArray()).ToArray())], compressed: true));
        (byte[] header, _) = await ReadSegmentEnvelopeAsync(socket, lz4: true);
        Assert.Equal(Opcodes.AuthSuccess, header[4]);

        byte[] query = Segments.Encode([Envelope(5, 2, Opcodes.Query, new WireWriter().LongString("SELECT * FROM ks.users").Short(1).Int(0).ToArray())], compressed: true);
        query[^6] ^= 0x01; // a payload byte: the header CRC24 holds, the CRC32 does not
        await SendAsync(socket, query);
        Assert.Equal(0, await socket.ReceiveAsync(new byte[64]));
        await WaitUntilAsync(() => server.CrcMismatches == 1);
        Assert.Contains(server.CloseReasons, r => r.Contains("CRC32 mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spec_v5_4_2_7_an_authenticator_with_a_challenge_runs_AUTH_CHALLENGE_in_framed_v5()
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = ("u", "p"), ChallengeOnce = true });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(5, lz4: false));
        Assert.Equal(Opcodes.Authenticate, (await ReadEnvelopeAsync(socket)).Header[4]);

        await SendAsync(socket, Segments.Encode([Envelope(5, 1, Opcodes.AuthResponse, new WireWriter().Bytes([]).ToArray())], compressed: false));
        (byte[] header, byte[] body) = await ReadSegmentEnvelopeAsync(socket, lz4: false);
        Assert.Equal(Opcodes.AuthChallenge, header[4]);
        Assert.Equal([1, 2, 3], new WireReader(body).ReadBytes());

        await SendAsync(socket, Segments.Encode([Envelope(5, 2, Opcodes.AuthResponse, new WireWriter().Bytes("\0u\0wrong"u8.ToArray()).ToArray())], compressed: false));
        (header, body) = await ReadSegmentEnvelopeAsync(socket, lz4: false);
        Assert.Equal(Opcodes.Error, header[4]);
        Assert.Equal(ErrorCodes.BadCredentials, new WireReader(body).ReadInt());

        await SendAsync(socket, Segments.Encode([Envelope(5, 3, Opcodes.AuthResponse, new WireWriter().Bytes("\0u\0p"u8.ToArray()).ToArray())], compressed: false));
        Assert.Equal(Opcodes.AuthSuccess, (await ReadSegmentEnvelopeAsync(socket, lz4: false)).Header[4]);
    }

    [Fact]
    public async Task A_query_before_the_login_completes_is_a_PROTOCOL_ERROR()
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = ("u", "p") });
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(4, lz4: false));
        await ReadEnvelopeAsync(socket);
        await SendAsync(socket, Envelope(4, 1, Opcodes.Query, new WireWriter().LongString("SELECT * FROM ks.users").Short(1).Byte(0).ToArray()));
        (byte[] header, byte[] body) = await ReadEnvelopeAsync(socket);
        Assert.Equal((0x84, Opcodes.Error), (header[0], header[4]));
        Assert.Equal(ErrorCodes.ProtocolError, new WireReader(body).ReadInt());
    }

    [Fact]
    public async Task Spec_4_1_8_REGISTER_then_pushed_events_arrive_on_stream_minus_one()
    {
        await using var server = new ModelServer();
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(4, lz4: false));
        await ReadEnvelopeAsync(socket);
        await SendAsync(socket, Envelope(4, 1, Opcodes.Register, new WireWriter().StringList(["STATUS_CHANGE"]).ToArray()));
        Assert.Equal(Opcodes.Ready, (await ReadEnvelopeAsync(socket)).Header[4]);

        await server.PushNodeEventAsync("TOPOLOGY_CHANGE", "NEW_NODE", System.Net.IPAddress.Parse("127.0.0.9"), 9042); // not registered: not sent
        await server.PushNodeEventAsync("STATUS_CHANGE", "DOWN", System.Net.IPAddress.Parse("127.0.0.9"), 9042);
        (byte[] header, byte[] body) = await ReadEnvelopeAsync(socket);
        Assert.Equal((Opcodes.Event, (short)-1), (header[4], BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2))));
        var reader = new WireReader(body);
        Assert.Equal(("STATUS_CHANGE", "DOWN"), (reader.ReadString(), reader.ReadString()));
        Assert.Equal([4, 127, 0, 0, 9], new[] { reader.ReadByte(), reader.ReadByte(), reader.ReadByte(), reader.ReadByte(), reader.ReadByte() });
    }

    [Fact]
    public async Task Spec_7_paging_returns_pages_with_a_paging_state_until_the_last()
    {
        await using var server = new ModelServer();
        using Socket socket = await ConnectAsync(server);
        await SendAsync(socket, Startup(4, lz4: false));
        await ReadEnvelopeAsync(socket);
        byte[]? state = null;
        int rows = 0, pages = 0;
        do
        {
            var query = new WireWriter().LongString("SELECT id FROM ks.big").Short(1).Byte(state is null ? 0x04 : 0x0C).Int(128);
            if (state is not null)
            {
                query.Bytes(state);
            }

            await SendAsync(socket, Envelope(4, 3, Opcodes.Query, query.ToArray()));
            var reader = new WireReader((await ReadEnvelopeAsync(socket)).Body);
            Assert.Equal(2, reader.ReadInt()); // Rows
            int flags = reader.ReadInt();
            reader.ReadInt();
            state = (flags & 0x02) != 0 ? reader.ReadBytes() : null;
            reader.ReadString();
            reader.ReadString();
            reader.ReadString();
            reader.ReadShort();
            rows += reader.ReadInt();
            pages++;
        }
        while (state is not null);

        Assert.Equal((300, 3), (rows, pages));
    }

    private static byte[] Envelope(int version, short stream, byte opcode, byte[] body) =>
        new WireWriter().Byte(version).Byte(0).Short((ushort)stream).Byte(opcode).Int(body.Length).Raw(body).ToArray();

    private static byte[] Startup(int version, bool lz4)
    {
        var options = new WireWriter().Short(lz4 ? 2 : 1).String("CQL_VERSION").String("3.0.0");
        if (lz4)
        {
            options.String("COMPRESSION").String("lz4");
        }

        return Envelope(version, 0, Opcodes.Startup, options.ToArray());
    }

    private static async Task<Socket> ConnectAsync(ModelServer server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Address, server.Port);
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static async Task SendAsync(Socket socket, byte[] bytes) => await socket.SendAsync(bytes);

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        for (int read = 0; read < count;)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
            if (n == 0)
            {
                throw new EndOfStreamException($"closed after {read} of {count} bytes");
            }

            read += n;
        }

        return buffer;
    }

    private static async Task<(byte[] Header, byte[] Body)> ReadEnvelopeAsync(Socket socket)
    {
        byte[] header = await ReadExactlyAsync(socket, 9);
        return (header, await ReadExactlyAsync(socket, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5))));
    }

    private static async Task<(byte[] Header, byte[] Body)> ReadSegmentEnvelopeAsync(Socket socket, bool lz4)
    {
        int headerLength = lz4 ? 8 : 6;
        byte[] head = await ReadExactlyAsync(socket, headerLength);
        int length = head[0] | (head[1] << 8) | ((head[2] & 1) << 16);
        byte[] segment = [.. head, .. await ReadExactlyAsync(socket, length + 4)];
        Assert.True(Segments.TryDecode(segment, lz4, out byte[] payload, out _, out _));
        return (payload[..9], payload[9..]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
