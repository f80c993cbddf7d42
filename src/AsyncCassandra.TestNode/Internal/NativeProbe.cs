using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsyncCassandra.Testing.Internal;

/// <summary>
/// Just enough of native protocol v3 to tell whether a node is up (OPTIONS -> SUPPORTED) and how many peers it
/// knows (STARTUP, QUERY "SELECT peer FROM system.peers" -> ROWS). Independent of AsyncCassandra.Runtime on purpose.
/// </summary>
internal static class NativeProbe
{
    private const byte RequestVersion = 0x03;
    private const byte ResponseVersion = 0x83;
    private const byte OpError = 0x00;
    private const byte OpStartup = 0x01;
    private const byte OpReady = 0x02;
    private const byte OpOptions = 0x05;
    private const byte OpSupported = 0x06;
    private const byte OpQuery = 0x07;
    private const byte OpResult = 0x08;

    /// <summary>True when a TCP connection to address:port succeeds within the timeout.</summary>
    internal static async Task<bool> IsListeningAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when the node answers a v3 OPTIONS frame with SUPPORTED.</summary>
    internal static async Task<bool> AnswersOptionsAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct, bool tls = false)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token).ConfigureAwait(false);
            var stream = await OpenAsync(socket, tls, cts.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await WriteFrameAsync(stream, stream: 0, OpOptions, [], cts.Token).ConfigureAwait(false);
                var (opcode, _) = await ReadFrameAsync(stream, cts.Token).ConfigureAwait(false);
                return opcode == OpSupported;
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException or System.Security.Authentication.AuthenticationException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>
    /// The probe's stream: plain TCP, or TLS for nodes started with client encryption. The probe only asks whether
    /// the node answers, so it accepts the node's (self-signed) certificate; clients validate it.
    /// </summary>
    private static async Task<Stream> OpenAsync(Socket socket, bool tls, CancellationToken ct)
    {
        var network = new NetworkStream(socket, ownsSocket: false);
        if (!tls)
        {
            return network;
        }

        var ssl = new System.Net.Security.SslStream(network, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = "cassandra" }, ct).ConfigureAwait(false);
        return ssl;
    }

    /// <summary>The number of rows in the node's system.peers, or -1 when it cannot be read.</summary>
    internal static async Task<int> CountPeersAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct, bool tls = false)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token).ConfigureAwait(false);
            var stream = await OpenAsync(socket, tls, cts.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var startup = new List<byte>();
                AppendShort(startup, 1);
                AppendString(startup, "CQL_VERSION");
                AppendString(startup, "3.0.0");
                await WriteFrameAsync(stream, 1, OpStartup, startup.ToArray(), cts.Token).ConfigureAwait(false);
                var (opcode, _) = await ReadFrameAsync(stream, cts.Token).ConfigureAwait(false);
                if (opcode != OpReady)
                {
                    return -1;
                }

                var query = new List<byte>();
                var text = Encoding.UTF8.GetBytes("SELECT peer FROM system.peers");
                AppendInt(query, text.Length);
                query.AddRange(text);
                AppendShort(query, 0x0001); // consistency ONE
                query.Add(0);               // no query flags
                await WriteFrameAsync(stream, 2, OpQuery, query.ToArray(), cts.Token).ConfigureAwait(false);
                var (resultOpcode, body) = await ReadFrameAsync(stream, cts.Token).ConfigureAwait(false);
                return resultOpcode == OpResult ? ParseRowCount(body) : -1;
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException or System.Security.Authentication.AuthenticationException or ArgumentOutOfRangeException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return -1;
        }
    }

    private static int ParseRowCount(byte[] body)
    {
        var reader = new Reader(body);
        if (reader.Int() != 0x0002)
        {
            return -1; // not ROWS
        }

        var flags = reader.Int();
        var columns = reader.Int();
        if ((flags & 0x0002) != 0)
        {
            reader.Bytes(); // paging state
        }

        if ((flags & 0x0004) == 0)
        {
            var global = (flags & 0x0001) != 0;
            if (global)
            {
                reader.String();
                reader.String();
            }

            for (var i = 0; i < columns; i++)
            {
                if (!global)
                {
                    reader.String();
                    reader.String();
                }

                reader.String();
                reader.SkipType();
            }
        }

        return reader.Int();
    }

    private static async Task WriteFrameAsync(Stream network, short stream, byte opcode, byte[] body, CancellationToken ct)
    {
        var frame = new byte[9 + body.Length];
        frame[0] = RequestVersion;
        frame[1] = 0;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame, 9);
        await network.WriteAsync(frame, ct).ConfigureAwait(false);
    }

    private static async Task<(byte Opcode, byte[] Body)> ReadFrameAsync(Stream network, CancellationToken ct)
    {
        var header = new byte[9];
        await network.ReadExactlyAsync(header, ct).ConfigureAwait(false);
        if (header[0] != ResponseVersion)
        {
            throw new InvalidDataException($"Unexpected response version byte 0x{header[0]:x2}.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
        if (length is < 0 or > 16 * 1024 * 1024)
        {
            throw new InvalidDataException($"Unexpected frame length {length}.");
        }

        var body = new byte[length];
        await network.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        if (header[4] == OpError && length >= 6)
        {
            // [int code][string message]: surface nothing, the callers only need "not the expected reply"
            return (OpError, body);
        }

        return (header[4], body);
    }

    private static void AppendShort(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }

    private static void AppendInt(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 24));
        buffer.Add((byte)(value >> 16));
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }

    private static void AppendString(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AppendShort(buffer, bytes.Length);
        buffer.AddRange(bytes);
    }

    private sealed class Reader(byte[] data)
    {
        private int _position;

        public int Int()
        {
            var value = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(_position, 4));
            _position += 4;
            return value;
        }

        public int Short()
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_position, 2));
            _position += 2;
            return value;
        }

        public void String()
        {
            var length = Short(); // read before adding: `_position += Short()` would add to the stale position
            _position += length;
        }

        public void Bytes()
        {
            var length = Int();
            if (length > 0)
            {
                _position += length;
            }
        }

        public void SkipType()
        {
            var id = Short();
            switch (id)
            {
                case 0x0000: // custom: class name
                    String();
                    break;
                case 0x0020: // list
                case 0x0022: // set
                    SkipType();
                    break;
                case 0x0021: // map
                    SkipType();
                    SkipType();
                    break;
                case 0x0030: // UDT: keyspace, name, fields
                    String();
                    String();
                    var fields = Short();
                    for (var i = 0; i < fields; i++)
                    {
                        String();
                        SkipType();
                    }

                    break;
                case 0x0031: // tuple
                    var count = Short();
                    for (var i = 0; i < count; i++)
                    {
                        SkipType();
                    }

                    break;
            }
        }
    }
}
