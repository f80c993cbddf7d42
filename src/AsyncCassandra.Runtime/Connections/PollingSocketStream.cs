using System.Net.Sockets;

namespace AsyncCassandra.Connections;

/// <summary>
/// The stream of a connection with its own I/O thread (<see cref="CassandraOptions.DedicatedIoThreads"/>): a
/// non-blocking socket read and written with plain system calls, waiting in poll(2) when it must. Never registered
/// with .NET's socket event loop, so a reply arriving wakes the connection's thread only: no epoll thread, no
/// thread-pool work item, no idle pool worker spinning after it. Every operation completes synchronously, the async
/// ones included, so the frame reader and writer run unchanged on it.
/// </summary>
internal sealed class PollingSocketStream : Stream
{
    /// <summary>How long one wait lasts before it checks whether the connection was closed.</summary>
    private const int WaitSliceMicroseconds = 250_000;

    private readonly Socket _socket;
    private readonly Func<bool> _isClosed;

    public PollingSocketStream(Socket socket, Func<bool> isClosed)
    {
        _socket = socket;
        _isClosed = isClosed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Waits in poll(2) until bytes arrive, then takes what is there (0: the peer closed the connection).</summary>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            int read = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return read;
            }

            if (error != SocketError.WouldBlock)
            {
                throw new IOException($"Receiving failed: {error}.", new SocketException((int)error));
            }

            Wait(SelectMode.SelectRead);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Sends every byte, waiting in poll(2) while the socket's send buffer is full.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int sent = _socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                buffer = buffer.Slice(sent);
                continue;
            }

            if (error != SocketError.WouldBlock)
            {
                throw new IOException($"Sending failed: {error}.", new SocketException((int)error));
            }

            Wait(SelectMode.SelectWrite);
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Waits until the socket is ready; a closed connection ends the wait with an exception within a slice.</summary>
    private void Wait(SelectMode mode)
    {
        while (!_socket.Poll(WaitSliceMicroseconds, mode))
        {
            if (_isClosed())
            {
                throw new ObjectDisposedException(nameof(PollingSocketStream), "The connection was closed.");
            }
        }
    }

    /// <summary>
    /// Connects a socket without .NET's event loop: non-blocking connect(2), then poll(2) in short slices so that the
    /// timeout and the caller's cancellation are honoured within 50 ms. Runs on a thread of its own (it blocks).
    /// Tries each address of the host in turn, as <see cref="Socket.ConnectAsync(string, int, CancellationToken)"/> does.
    /// </summary>
    public static Socket Connect(string host, int port, CancellationToken timeout)
    {
        System.Net.IPAddress[] addresses = System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? literal)
            ? [literal]
            : System.Net.Dns.GetHostAddresses(host);
        SocketException? last = null;
        foreach (System.Net.IPAddress given in addresses)
        {
            System.Net.IPAddress address = given.IsIPv4MappedToIPv6 ? given.MapToIPv4() : given;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                try
                {
                    socket.Connect(address, port);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
                {
                }

                while (!socket.Poll(50_000, SelectMode.SelectWrite))
                {
                    timeout.ThrowIfCancellationRequested();
                }

                int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != 0)
                {
                    throw new SocketException(error);
                }

                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
