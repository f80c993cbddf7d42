using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace AsyncCassandra.Connections;

/// <summary>Opens the byte stream of a connection: a TCP socket (no delay, keep-alive), and TLS over it when configured.</summary>
internal static class SocketConnector
{
    /// <summary>The connected socket, the stream to read and write (the TLS stream when TLS is on) and the address reached.</summary>
    public static async Task<(Socket Socket, Stream Stream, IPAddress? Remote)> ConnectAsync(string host, int port, string endpoint, ConnectionSettings settings, CancellationToken timeout, CancellationToken caller, Func<bool> isClosed)
    {
        if (settings.DedicatedIoThreads && settings.Ssl is null)
        {
            return await ConnectPollingAsync(host, port, endpoint, settings, timeout, caller, isClosed).ConfigureAwait(false);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            IPAddress? remote = null;
            try
            {
                await socket.ConnectAsync(host, port, timeout).ConfigureAwait(false);
                if (socket.RemoteEndPoint is IPEndPoint reached)
                {
                    remote = reached.Address.IsIPv4MappedToIPv6 ? reached.Address.MapToIPv4() : reached.Address;
                }
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw new ConnectionException($"Connecting to {endpoint} timed out after {settings.ConnectTimeout.TotalSeconds:0.#} s.") { Host = endpoint };
            }
            catch (SocketException ex)
            {
                throw new ConnectionException($"Cannot connect to {endpoint}: {ex.Message}", ex) { Host = endpoint };
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (settings.Ssl is { } ssl)
            {
                stream = await AuthenticateAsync(stream, host, endpoint, ssl, timeout).ConfigureAwait(false);
            }

            return (socket, stream, remote);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A socket for a connection with its own I/O thread: connected on a thread of its own (the connect blocks in
    /// poll(2)), so that .NET's socket event loop never sees it (<see cref="PollingSocketStream"/>).
    /// </summary>
    private static async Task<(Socket Socket, Stream Stream, IPAddress? Remote)> ConnectPollingAsync(string host, int port, string endpoint, ConnectionSettings settings, CancellationToken timeout, CancellationToken caller, Func<bool> isClosed)
    {
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                connected.TrySetResult(PollingSocketStream.Connect(host, port, timeout));
            }
            catch (Exception ex)
            {
                connected.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "AsyncCassandra connect" };
        thread.UnsafeStart();
        Socket socket;
        try
        {
            socket = await connected.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ConnectionException($"Connecting to {endpoint} timed out after {settings.ConnectTimeout.TotalSeconds:0.#} s.") { Host = endpoint };
        }
        catch (SocketException ex)
        {
            throw new ConnectionException($"Cannot connect to {endpoint}: {ex.Message}", ex) { Host = endpoint };
        }

        IPAddress? remote = null;
        try
        {
            if (socket.RemoteEndPoint is IPEndPoint reached)
            {
                remote = reached.Address.IsIPv4MappedToIPv6 ? reached.Address.MapToIPv4() : reached.Address;
            }
        }
        catch (SocketException)
        {
        }

        return (socket, new PollingSocketStream(socket, isClosed), remote);
    }

    private static async Task<Stream> AuthenticateAsync(Stream stream, string host, string endpoint, SslClientAuthenticationOptions ssl, CancellationToken timeout)
    {
        var sslStream = new SslStream(stream, leaveInnerStreamOpen: false);
        SslClientAuthenticationOptions options = TlsClientOptions.ForConnection(ssl, host);
        try
        {
            await sslStream.AuthenticateAsClientAsync(options, timeout).ConfigureAwait(false);
            return sslStream;
        }
        catch (System.Security.Authentication.AuthenticationException ex)
        {
            await sslStream.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionException($"TLS handshake with {endpoint} failed: {ex.Message} Check that the server certificate chains to a trusted CA (CassandraOptions.Tls.CaCertificateFile pins a private one) and names the host the client connects to ({options.TargetHost}), or set the name to validate with CassandraOptions.Tls.TargetHost.", ex) { Host = endpoint };
        }
    }
}
