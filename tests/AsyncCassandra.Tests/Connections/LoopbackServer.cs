using System.Net;
using System.Net.Sockets;

namespace AsyncCassandra.Tests.Connections;

/// <summary>A loopback listener that serves each accepted socket with <see cref="ServeAsync"/> until disposed.</summary>
internal abstract class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _accept;

    protected LoopbackServer()
        : this(IPAddress.Loopback, 0)
    {
    }

    /// <summary>Listens on a given loopback address and port (port 0: any free one).</summary>
    protected LoopbackServer(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Start();
        _accept = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    protected CancellationTokenSource Stop { get; } = new();

    protected abstract Task ServeAsync(Socket socket);

    private async Task AcceptAsync()
    {
        try
        {
            while (!Stop.IsCancellationRequested)
            {
                Socket socket = await _listener.AcceptSocketAsync(Stop.Token);
                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        try
                        {
                            await ServeAsync(socket);
                        }
                        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                        {
                        }
                    }
                });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop.Cancel();
        _listener.Stop();
        await _accept;
    }
}
