using System.Text;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Connections;

/// <summary>
/// The start of a connection (spec §4.1.1, §4.2.2-§4.2.3): STARTUP with the version and compression to use, then
/// SASL PLAIN authentication when the server asks for it. A refusal of the version (an error naming it, or a socket
/// closed at STARTUP) becomes <see cref="VersionRefusedException"/>, so that negotiation can step down; a peer that
/// answers with no frame at all becomes <see cref="NotCassandraException"/>.
/// </summary>
internal static class Handshake
{
    public static async Task StartupAsync(Connection connection, ConnectionSettings settings, CancellationToken token, CancellationToken userToken)
    {
        string endpoint = connection.EndpointName;
        string? compression = settings.Compression == CompressionAlgorithm.Lz4 ? "lz4" : null;
        Response reply;
        try
        {
            reply = await connection.RequestAsync(new StartupRequest(compression), token).ConfigureAwait(false);
        }
        catch (ProtocolException ex) when (IsVersionRefusal(ex.Message))
        {
            throw new VersionRefusedException(connection.Version, ParseServerVersion(ex.Message), ex.Message, endpoint) { Host = endpoint };
        }
        catch (ServerErrorException ex) when (IsVersionRefusal(ex.Message))
        {
            throw new VersionRefusedException(connection.Version, ParseServerVersion(ex.Message), ex.Message, endpoint) { Host = endpoint };
        }
        catch (ConnectionException ex) when (ex.InnerException is VersionRefusedException refused)
        {
            throw refused;
        }
        catch (ConnectionException ex) when (ex.InnerException is NotCassandraException notCassandra)
        {
            throw notCassandra;
        }
        catch (ConnectionException ex) when (connection.Version > ProtocolVersions.Lowest && !connection.VersionAccepted && !userToken.IsCancellationRequested)
        {
            // Some servers close the socket instead of answering a version they do not know; so does a network fault.
            // Never once READY or AUTHENTICATE came: the server took the version, and a close is only a failure.
            throw new VersionRefusedException(connection.Version, null, ex.Message, endpoint) { ByNetworkError = true, Host = endpoint };
        }
        catch (OperationCanceledException) when (!userToken.IsCancellationRequested)
        {
            throw new ConnectionException($"{endpoint} did not answer STARTUP within {settings.ConnectTimeout.TotalSeconds:0.#} s.") { Host = endpoint };
        }

        int logins = 0;
        while (true)
        {
            switch (reply.Opcode)
            {
                case Opcode.Ready:
                case Opcode.AuthSuccess:
                    return;
                case Opcode.Authenticate when logins++ == 0:
                    reply = await AuthenticateAsync(connection, settings, reply.Authenticate, token).ConfigureAwait(false);
                    break;
                case Opcode.Authenticate:
                    // One login per connection: a server that keeps asking is broken, not waiting for another try.
                    throw new AuthenticationException($"{endpoint} asked to authenticate again after the credentials were sent; the connection is closed.") { Host = endpoint };
                case Opcode.AuthChallenge:
                    throw new AuthenticationException($"{endpoint} sent an authentication challenge PasswordAuthenticator does not send; a custom authenticator is not supported.") { Host = endpoint };
                default:
                    throw new ProtocolException($"Unexpected reply {reply.Describe()} to STARTUP from {endpoint}.") { Host = endpoint };
            }
        }
    }

    /// <summary>SASL PLAIN, as PasswordAuthenticator expects: \0user\0password (UTF-8).</summary>
    private static async Task<Response> AuthenticateAsync(Connection connection, ConnectionSettings settings, AuthenticateResponse authenticate, CancellationToken token)
    {
        string endpoint = connection.EndpointName;
        if (settings.Credentials is not { } credentials)
        {
            throw new AuthenticationException($"{endpoint} requires authentication ({authenticate.Authenticator}); set CassandraOptions.Credentials.") { Host = endpoint };
        }

        byte[] initial = Encoding.UTF8.GetBytes("\0" + credentials.Username + "\0" + credentials.Password);
        try
        {
            return await connection.RequestAsync(new AuthResponseRequest(initial), token).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            // The handshake knows where the credentials come from; the decoder does not.
            throw new AuthenticationException(ex.Message + " Check CassandraOptions.Credentials.", ex) { ErrorCode = ex.ErrorCode, Host = endpoint };
        }
        finally
        {
            // The token holds the password: wipe it (the frame buffer it was encoded into is wiped by the writer).
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(initial);
        }
    }

    private static bool IsVersionRefusal(string message) =>
        message.Contains("protocol version", StringComparison.OrdinalIgnoreCase) || message.Contains("beta", StringComparison.OrdinalIgnoreCase);

    /// <summary>e.g. "Invalid or unsupported protocol version (5); supported versions are (3/v3, 4/v4, 5/v5-beta)" → 4.</summary>
    private static int? ParseServerVersion(string message)
    {
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
}
