using System.Diagnostics;
using System.Reflection;
using System.Text;
using AsyncCassandra.Advanced;
using AsyncCassandra.Connections;
using AsyncCassandra.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// Credentials and settings hygiene: the password never lingers or shows, SASL fields cannot be forged with NUL, a
/// server cannot make the client log in again and again, options are checked whole, names are quoted when reserved,
/// and a version downgrade caused by a closed socket (not a refusal) is logged.
/// </summary>
public sealed class CredentialHygieneTests
{
    [Theory]
    [InlineData("ad\0min", "secret")]
    [InlineData("admin", "se\0cret")]
    public void A_NUL_in_a_user_name_or_password_is_refused(string username, string password)
    {
        var error = Assert.Throws<ArgumentException>(() => new CassandraCredentials(username, password));
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_show_the_password()
    {
        var credentials = new CassandraCredentials("admin", "hunter2");
        Assert.DoesNotContain("hunter2", credentials.ToString(), StringComparison.Ordinal);
        var display = typeof(CassandraCredentials).GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.NotNull(display);
        Assert.DoesNotContain("Password", display.Value, StringComparison.Ordinal);
        Assert.Equal(DebuggerBrowsableState.Never, typeof(CassandraCredentials).GetProperty(nameof(CassandraCredentials.Password))!.GetCustomAttribute<DebuggerBrowsableAttribute>()!.State);
    }

    [Fact]
    public async Task After_login_the_password_is_in_no_buffer_of_the_connection()
    {
        await using var server = new AcceptingAuthServer();
        var settings = new ConnectionSettings { HeartbeatInterval = TimeSpan.Zero, Credentials = new CassandraCredentials("admin", "correct-horse-battery") };
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, settings, CancellationToken.None);

        Assert.Equal(1, server.AuthResponses);
        byte[] password = Encoding.UTF8.GetBytes("correct-horse-battery");
        object writer = typeof(Connection).GetField("_writer", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(connection)!;
        // The writer loop wipes the frame right after the socket write; the reply can overtake that by a moment.
        var until = DateTime.UtcNow.AddSeconds(2);
        string? holding;
        while ((holding = BufferHolding(writer, password)) is not null && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        Assert.True(holding is null, $"the password is still in the writer's {holding} buffer");
    }

    private static string? BufferHolding(object writer, byte[] secret)
    {
        foreach (string name in new[] { "_outgoing", "_flushing" })
        {
            var buffer = (CqlWriter)writer.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(writer)!;
            byte[] bytes = (byte[])typeof(CqlWriter).GetField("_buffer", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(buffer)!;
            if (bytes.AsSpan().IndexOf(secret) >= 0)
            {
                return name;
            }
        }

        return null;
    }

    [Fact]
    public async Task A_server_that_asks_to_authenticate_again_gets_one_login_and_an_error()
    {
        await using var server = new AcceptingAuthServer { AskAgain = true };
        var settings = new ConnectionSettings { HeartbeatInterval = TimeSpan.Zero, Credentials = new CassandraCredentials("admin", "pw") };
        var error = await Assert.ThrowsAsync<AuthenticationException>(() => Connection.OpenAsync("127.0.0.1", server.Port, 3, null, settings, CancellationToken.None));

        Assert.Contains("again", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.AuthResponses);
    }

    [Theory]
    [InlineData(nameof(CassandraOptions.RequestTimeout), 0)]
    [InlineData(nameof(CassandraOptions.ConnectTimeout), 0)]
    [InlineData(nameof(CassandraOptions.ConnectTimeout), -5)]
    [InlineData(nameof(CassandraOptions.ReconnectBaseDelay), 0)]
    [InlineData(nameof(CassandraOptions.ReconnectMaxDelay), -1)]
    [InlineData(nameof(CassandraOptions.HeartbeatInterval), -1)]
    [InlineData(nameof(CassandraOptions.TopologyEventDelay), -1)]
    [InlineData(nameof(CassandraOptions.SchemaEventDelay), -1)]
    public void Every_time_span_option_is_checked_and_the_error_names_it(string option, int milliseconds)
    {
        var options = new CassandraOptions { ContactPoints = { "127.0.0.1" } };
        typeof(CassandraOptions).GetProperty(option)!.SetValue(options, TimeSpan.FromMilliseconds(milliseconds));
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reconnect_ceiling_below_the_base_delay_is_refused()
    {
        var options = new CassandraOptions { ContactPoints = { "127.0.0.1" }, ReconnectBaseDelay = TimeSpan.FromSeconds(10), ReconnectMaxDelay = TimeSpan.FromSeconds(1) };
        Assert.Contains("ReconnectMaxDelay", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("select", "\"select\"")]
    [InlineData("table", "\"table\"")]
    [InlineData("users", "users")]
    [InlineData("MixedCase", "\"MixedCase\"")]
    public void Reserved_words_are_quoted_like_any_name_that_needs_it(string name, string quoted) =>
        Assert.Equal(quoted, CqlIdentifier.Quote(name));

    [Fact]
    public async Task Stepping_the_version_down_because_the_socket_closed_at_STARTUP_is_logged_as_a_warning()
    {
        await using var server = new ClosingAboveV3Server();
        var logs = new ListLoggerFactory();
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{server.Port}" }, LoggerFactory = logs, RequestTimeout = TimeSpan.FromSeconds(1) });
        AsyncSession session = cluster.CreateSession();
        await Assert.ThrowsAnyAsync<Exception>(() => session.ExecuteAsync("SELECT 1")); // the server answers nothing after READY

        Assert.Contains(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("MinimumProtocolVersion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_that_says_READY_and_then_nothing_fails_connecting_within_the_request_timeout()
    {
        await using var server = new ClosingAboveV3Server();
        await using var cluster = new AsyncCluster(new CassandraOptions { ContactPoints = { $"127.0.0.1:{server.Port}" }, RequestTimeout = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"connecting took {watch.Elapsed}");
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    /// <summary>STARTUP → AUTHENTICATE; AUTH_RESPONSE → AUTH_SUCCESS (or AUTHENTICATE again when <see cref="AskAgain"/>).</summary>
    private sealed class AcceptingAuthServer : LoopbackServer
    {
        private int _authResponses;

        public bool AskAgain { get; init; }

        public int AuthResponses => Volatile.Read(ref _authResponses);

        protected override async Task ServeAsync(System.Net.Sockets.Socket socket)
        {
            await foreach ((byte opcode, short stream) in Frames.ReadAsync(socket, Stop.Token))
            {
                byte[] reply = opcode switch
                {
                    0x01 => ScriptedServer.Frame(0x03, stream, new Body().String("org.apache.cassandra.auth.PasswordAuthenticator").ToArray()),
                    0x0F when AskAgain => Count(ScriptedServer.Frame(0x03, stream, new Body().String("org.apache.cassandra.auth.PasswordAuthenticator").ToArray())),
                    0x0F => Count(ScriptedServer.Frame(0x10, stream, new Body().Bytes(null).ToArray())),
                    _ => ScriptedServer.VoidResult(stream),
                };
                await socket.SendAsync(reply, Stop.Token);
            }
        }

        private byte[] Count(byte[] reply)
        {
            Interlocked.Increment(ref _authResponses);
            return reply;
        }
    }

    /// <summary>Closes the socket at a v5 or v4 STARTUP (as a network fault would); answers v3 with READY, then stays silent.</summary>
    private sealed class ClosingAboveV3Server : LoopbackServer
    {
        protected override async Task ServeAsync(System.Net.Sockets.Socket socket)
        {
            byte[] header = new byte[9];
            int read = await socket.ReceiveAsync(header, Stop.Token);
            if (read < 9 || (header[0] & 0x7F) != 3)
            {
                return;
            }

            await socket.SendAsync(ScriptedServer.Frame(0x02, System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)), []), Stop.Token);
            await Task.Delay(Timeout.Infinite, Stop.Token);
        }
    }

    /// <summary>Reads request frames (v3 header, spec §2) off a socket.</summary>
    private static class Frames
    {
        public static async IAsyncEnumerable<(byte Opcode, short Stream)> ReadAsync(System.Net.Sockets.Socket socket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            var header = new byte[9];
            while (true)
            {
                if (!await FillAsync(socket, header, token))
                {
                    yield break;
                }

                int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                if (!await FillAsync(socket, new byte[length], token))
                {
                    yield break;
                }

                yield return (header[4], System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)));
            }
        }

        private static async Task<bool> FillAsync(System.Net.Sockets.Socket socket, byte[] buffer, CancellationToken token)
        {
            int filled = 0;
            while (filled < buffer.Length)
            {
                int read = await socket.ReceiveAsync(buffer.AsMemory(filled), token);
                if (read == 0)
                {
                    return false;
                }

                filled += read;
            }

            return true;
        }
    }

    private sealed class ListLoggerFactory : ILoggerFactory
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(ListLoggerFactory owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Messages)
                {
                    owner.Messages.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
