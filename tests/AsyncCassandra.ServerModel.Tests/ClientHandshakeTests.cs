using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// Our client against the server model in every v5 handshake: plain, LZ4, PasswordAuthenticator, and both together.
/// v5 §2.3.1: after READY or AUTHENTICATE all traffic is framed, and compressed when STARTUP asked for LZ4, so the
/// AUTH_RESPONSE already travels in an LZ4 segment and AUTH_SUCCESS arrives in one.
/// </summary>
public sealed class ClientHandshakeTests
{
    internal static CassandraOptions Options(ModelServer server, bool lz4, bool auth, Action<CassandraOptions>? configure = null)
    {
        var options = new CassandraOptions
        {
            Port = server.Port,
            Compression = lz4 ? CompressionAlgorithm.Lz4 : CompressionAlgorithm.None,
            Credentials = auth ? new CassandraCredentials("cassandra", "s3cret") : null,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        options.ContactPoints.Add(server.Address.ToString());
        configure?.Invoke(options);
        return options;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task The_client_connects_with_v5_and_runs_queries(bool lz4, bool auth)
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = auth ? ("cassandra", "s3cret") : null });
        await using var cluster = new AsyncCluster(Options(server, lz4, auth));
        await using AsyncSession session = await cluster.ConnectAsync();

        Assert.Equal(5, cluster.ProtocolVersion);
        PreparedStatement byId = await session.PrepareAsync("SELECT name FROM ks.users WHERE id = ?");
        Assert.Equal("grace", (await session.ExecuteAsync(byId.Bind(2))).Single().Get<string>("name"));
        // ~300 KiB in one page: one envelope across three segments.
        RowSet big = await session.ExecuteAsync(new SimpleStatement("SELECT id, payload FROM ks.big"));
        Assert.Equal(300, big.Count);
        Assert.All(big, row => Assert.Equal(1024, row.Get<string>("payload").Length));

        Assert.Equal(0, server.CrcMismatches);
        List<ModelRequest> afterStartup = [.. server.Requests.Where(r => r.Opcode is not (Opcodes.Startup or Opcodes.Options))];
        Assert.All(afterStartup, r => Assert.True(r.Framed && r.Compressed == lz4, $"opcode {r.Opcode:X2}: framed={r.Framed} compressed={r.Compressed}"));
        if (auth)
        {
            Assert.Contains(afterStartup, r => r.Opcode == Opcodes.AuthResponse);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Against_a_3_x_node_the_client_negotiates_v4_and_compresses_bodies(bool betaV5)
    {
        // A 3.11 node answers v5 with "USE_BETA flag is unset" (in a v5 envelope); a 2.2/3.0 one does not know v5.
        await using var server = new ModelServer(new ModelServerOptions
        {
            Versions = betaV5 ? [3, 4, 5] : [3, 4],
            BetaVersions = betaV5 ? [5] : [],
            ReleaseVersion = "3.11.16",
            Credentials = ("cassandra", "s3cret"),
        });
        await using var cluster = new AsyncCluster(Options(server, lz4: true, auth: true));
        await using AsyncSession session = await cluster.ConnectAsync();

        Assert.Equal(4, cluster.ProtocolVersion);
        Assert.Equal(300, (await session.ExecuteAsync("SELECT id, payload FROM ks.big")).Count); // LZ4 bodies from the model
        // The client compresses bodies of 256 bytes and more (v4 §5: compression is the sender's choice per frame).
        await session.ExecuteAsync(new SimpleStatement("INSERT INTO ks.texts (id, body) VALUES (?, ?)", 1, new string('x', 4096)));
        Assert.Equal(4096, (await session.ExecuteAsync("SELECT body FROM ks.texts WHERE id = 1")).Single().Get<string>("body").Length);
        Assert.All(server.Requests.Where(r => r.Opcode == Opcodes.Startup && r.Version == 4), r => Assert.Equal("lz4", r.StartupOptions!["COMPRESSION"]));
        Assert.Contains(server.Requests, r => r.Version == 4 && r.Opcode == Opcodes.Query && (r.HeaderFlags & 0x01) != 0);
    }

    [Fact]
    public async Task Wrong_credentials_over_v5_with_LZ4_are_an_AuthenticationException()
    {
        await using var server = new ModelServer(new ModelServerOptions { Credentials = ("cassandra", "other") });
        await using var cluster = new AsyncCluster(Options(server, lz4: true, auth: true));

        AuthenticationException error = await Assert.ThrowsAsync<AuthenticationException>(() => cluster.ConnectAsync());

        Assert.Contains("incorrect", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.CrcMismatches);
        Assert.Contains(server.Requests, r => r.Opcode == Opcodes.AuthResponse && r.Framed && r.Compressed);
    }

    [Fact]
    public void The_model_and_the_runtime_do_not_reference_each_other()
    {
        Assert.DoesNotContain(typeof(ModelServer).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("AsyncCassandra.Runtime", StringComparison.Ordinal));
        Assert.DoesNotContain(typeof(AsyncCluster).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("AsyncCassandra.ServerModel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_socket_closed_during_the_login_is_a_connection_failure_not_a_refused_version()
    {
        // The server accepted v5 (it answered AUTHENTICATE) and then drops the connection: that is no reason to
        // speak v4 to it. Here it drops every AUTH_RESPONSE, whatever its framing.
        await using var server = new ModelServer(new ModelServerOptions
        {
            Credentials = ("cassandra", "s3cret"),
            Intercept = r => r.Opcode == Opcodes.AuthResponse ? throw new ModelDropConnectionException() : null,
        });
        await using var cluster = new AsyncCluster(Options(server, lz4: true, auth: true));

        CassandraException error = await Assert.ThrowsAnyAsync<CassandraException>(() => cluster.ConnectAsync());

        Assert.IsNotType<ProtocolVersionException>(error);
        Assert.DoesNotContain(server.Requests, r => r.Version < 5);
    }
}
