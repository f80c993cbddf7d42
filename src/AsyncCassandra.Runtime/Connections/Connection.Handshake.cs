using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Connections;

internal sealed partial class Connection
{
    /// <summary>
    /// Opens a connection speaking exactly <paramref name="version"/>: TCP (and TLS), STARTUP, authentication, then
    /// USE keyspace. Throws <see cref="VersionRefusedException"/> when the server refuses the version.
    /// </summary>
    public static async Task<Connection> OpenAsync(string host, int port, byte version, string? keyspace, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var connection = new Connection(host, port, version, settings);
        try
        {
            await connection.ConnectAsync(keyspace, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ConnectAsync(string? keyspace, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket = socket;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            await socket.ConnectAsync(Host, Port, timeout.Token).ConfigureAwait(false);
            if (socket.RemoteEndPoint is IPEndPoint remote)
            {
                RemoteAddress = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionException($"Connecting to {EndpointName} timed out after {_settings.ConnectTimeout.TotalSeconds:0.#} s.") { Host = EndpointName };
        }
        catch (SocketException ex)
        {
            throw new ConnectionException($"Cannot connect to {EndpointName}: {ex.Message}", ex) { Host = EndpointName };
        }

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (_settings.Ssl is { } ssl)
        {
            var sslStream = new SslStream(stream, leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = ssl.TargetHost ?? Host,
                ClientCertificates = ssl.ClientCertificates,
                EnabledSslProtocols = ssl.EnabledSslProtocols,
                CertificateRevocationCheckMode = ssl.CertificateRevocationCheckMode,
                RemoteCertificateValidationCallback = ssl.RemoteCertificateValidationCallback,
            };
            try
            {
                await sslStream.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            }
            catch (System.Security.Authentication.AuthenticationException ex)
            {
                throw new ConnectionException($"TLS handshake with {EndpointName} failed: {ex.Message} Check the server certificate, or supply a RemoteCertificateValidationCallback in CassandraOptions.Ssl.", ex) { Host = EndpointName };
            }

            stream = sslStream;
        }

        _stream = stream;
        _lastReadTicks = Environment.TickCount64;
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        _writeLoop = Task.Run(WriteLoopAsync, CancellationToken.None);
        await StartupAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
        _negotiating = false;
        if (_settings.Compression == CompressionAlgorithm.Lz4)
        {
            if (Version >= 5)
            {
                _compressSegments = true;
            }
            else
            {
                _compressBodies = true;
            }
        }

        if (keyspace is not null)
        {
            await UseKeyspaceAsync(keyspace, timeout.Token).ConfigureAwait(false);
        }

        _heartbeat = new Timer(static s => ((Connection)s!).OnTimer(), this, SweepIntervalMs, SweepIntervalMs);
        CassandraDiagnostics.Connections.Add(1);
        _counted = true;
    }

    private async Task StartupAsync(CancellationToken token, CancellationToken userToken)
    {
        string? compression = _settings.Compression == CompressionAlgorithm.Lz4 ? "lz4" : null;
        Response reply;
        try
        {
            reply = await RequestAsync(new StartupRequest(compression), token).ConfigureAwait(false);
        }
        catch (ProtocolException ex) when (IsVersionRefusal(ex.Message))
        {
            throw new VersionRefusedException(Version, ParseServerVersion(ex.Message), ex.Message);
        }
        catch (ServerErrorException ex) when (IsVersionRefusal(ex.Message))
        {
            throw new VersionRefusedException(Version, ParseServerVersion(ex.Message), ex.Message);
        }
        catch (ConnectionException ex) when (ex.InnerException is VersionRefusedException refused)
        {
            throw refused;
        }
        catch (ConnectionException ex) when (ex.InnerException is NotCassandraException notCassandra)
        {
            throw notCassandra;
        }
        catch (ConnectionException ex) when (Version > ProtocolVersions.Lowest && !userToken.IsCancellationRequested)
        {
            // Some servers close the socket instead of answering a version they do not know.
            throw new VersionRefusedException(Version, null, ex.Message);
        }
        catch (OperationCanceledException) when (!userToken.IsCancellationRequested)
        {
            throw new ConnectionException($"{EndpointName} did not answer STARTUP within {_settings.ConnectTimeout.TotalSeconds:0.#} s.") { Host = EndpointName };
        }

        while (true)
        {
            switch (reply.Opcode)
            {
                case Opcode.Ready:
                    return;
                case Opcode.Authenticate:
                    if (_settings.Credentials is not { } credentials)
                    {
                        throw new AuthenticationException($"{EndpointName} requires authentication ({reply.Authenticate.Authenticator}); set CassandraOptions.Credentials.") { Host = EndpointName };
                    }

                    // SASL PLAIN, as PasswordAuthenticator expects: \0user\0password (UTF-8).
                    byte[] token0 = Encoding.UTF8.GetBytes("\0" + credentials.Username + "\0" + credentials.Password);
                    try
                    {
                        reply = await RequestAsync(new AuthResponseRequest(token0), token).ConfigureAwait(false);
                    }
                    catch (AuthenticationException ex)
                    {
                        throw new AuthenticationException(ex.Message + " Check CassandraOptions.Credentials.", ex) { ErrorCode = ex.ErrorCode, Host = EndpointName };
                    }

                    break;
                case Opcode.AuthSuccess:
                    return;
                case Opcode.AuthChallenge:
                    throw new AuthenticationException($"{EndpointName} sent an authentication challenge PasswordAuthenticator does not send; a custom authenticator is not supported.") { Host = EndpointName };
                default:
                    throw new ProtocolException($"Unexpected reply {reply.Describe()} to STARTUP from {EndpointName}.") { Host = EndpointName };
            }
        }
    }

    private static bool IsVersionRefusal(string message) =>
        message.Contains("protocol version", StringComparison.OrdinalIgnoreCase) || message.Contains("beta", StringComparison.OrdinalIgnoreCase);

    private static int? ParseServerVersion(string message)
    {
        // e.g. "Invalid or unsupported protocol version (5); supported versions are (3/v3, 4/v4, 5/v5-beta)"
        int index = message.LastIndexOf("supported versions are", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        int? best = null;
        foreach (string part in message[index..].Split(['(', ',', ')', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Contains('/') && !part.Contains("beta", StringComparison.OrdinalIgnoreCase) && int.TryParse(part.AsSpan(0, part.IndexOf('/')), out int v))
            {
                best = Math.Max(best ?? v, v);
            }
        }

        return best;
    }

    private async Task UseKeyspaceAsync(string keyspace, CancellationToken token)
    {
        Response result = await RequestAsync(new QueryRequest("USE " + CqlIdentifier.Quote(keyspace), new QueryParameters { Consistency = ConsistencyLevel.One }), token).ConfigureAwait(false);
        if (result.ResultKind == ResultKind.SetKeyspace)
        {
            Keyspace = result.Keyspace;
        }
    }

    /// <summary>
    /// Sends a request and decodes its reply (control traffic: handshake, USE, heartbeat, system tables). An ERROR
    /// reply is thrown as its typed exception.
    /// </summary>
    public async Task<Response> RequestAsync(IRequest request, CancellationToken token)
    {
        ResponseFrame frame = await SendAsync(request, token).ConfigureAwait(false);
        Response response = Decode(frame, null, ResultBuffers.Owned);
        return response.IsError ? throw ServerErrors.ToException(response.Error, EndpointName) : response;
    }

    /// <summary>Decodes a reply of this connection; a malformed one is a <see cref="ProtocolException"/> naming the node.</summary>
    public Response Decode(in ResponseFrame frame, ColumnDefinitions? knownResultColumns, ResultBuffers ownership)
    {
        try
        {
            return ResponseReader.Read(frame, Version, knownResultColumns, ownership);
        }
        catch (ProtocolException ex) when (ex.Host is null)
        {
            throw new ProtocolException($"{EndpointName}: {ex.Message}", ex) { Host = EndpointName };
        }
    }

    private bool _heartbeatInFlight;
    private bool _counted;
    private int _heartbeatsSent;

    /// <summary>Heartbeats (OPTIONS on an idle connection) sent so far.</summary>
    public int HeartbeatsSent => Volatile.Read(ref _heartbeatsSent);

    private void OnTimer()
    {
        SweepTimeouts();
        if (Volatile.Read(ref _wakeAfterBatch))
        {
            // A continuation of a reply batch is still running (or blocked): do not hold its requests back longer.
            EndCompletionBatch();
        }

        if (_settings.HeartbeatInterval > TimeSpan.Zero)
        {
            Heartbeat();
        }
    }

    private void Heartbeat()
    {
        if (IsClosed || _heartbeatInFlight)
        {
            return;
        }

        long idleMs = Environment.TickCount64 - Volatile.Read(ref _lastReadTicks);
        if (idleMs < _settings.HeartbeatInterval.TotalMilliseconds)
        {
            return;
        }

        _heartbeatInFlight = true;
        Interlocked.Increment(ref _heartbeatsSent);
        _ = HeartbeatAsync();
    }

    private async Task HeartbeatAsync()
    {
        using var timeout = new CancellationTokenSource(_settings.HeartbeatInterval);
        try
        {
            await RequestAsync(OptionsRequest.Instance, timeout.Token).ConfigureAwait(false);
            _settings.Logger.LogTrace("Heartbeat to {Endpoint} answered", EndpointName);
        }
        catch (Exception ex) when (!IsClosed)
        {
            Close(new ConnectionException($"Heartbeat to {EndpointName} failed: {ex.Message}", ex) { Host = EndpointName });
        }
        catch (Exception)
        {
            // Already closed.
        }
        finally
        {
            _heartbeatInFlight = false;
        }
    }

    /// <summary>Switches the keyspace of this connection (USE), as the session asks.</summary>
    public Task SetKeyspaceAsync(string keyspace, CancellationToken token) =>
        string.Equals(Keyspace, keyspace, StringComparison.Ordinal) ? Task.CompletedTask : UseKeyspaceAsync(keyspace, token);
}
