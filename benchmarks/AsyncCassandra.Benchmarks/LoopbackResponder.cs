using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// A minimal Cassandra 2.1 node for in-process benchmarks of the whole request path (protocol v3 framing, spec §2):
/// one blocking thread per connection, READY to STARTUP/REGISTER, SUPPORTED to OPTIONS, system.local with one row and
/// every other SELECT with the selected columns and no rows, PREPARE of one int marker and one text result column, and
/// every EXECUTE answered from a preallocated frame (one row, a 100-character text: W1's reply), No_metadata when the
/// request asked to skip it (§4.1.4 flag 0x02). Answering an EXECUTE allocates nothing, so the process's allocated
/// bytes per request are the client's own.
/// </summary>
internal sealed partial class LoopbackResponder : IDisposable
{
    private readonly Socket _listener;
    private readonly byte[] _rowsWithMetadata;
    private readonly byte[] _rowsNoMetadata;
    private volatile bool _stopped;

    public LoopbackResponder(int valueLength = 100)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        byte[] value = Encoding.UTF8.GetBytes(new string('v', valueLength));
        _rowsWithMetadata = Frame(0x08, new Body().Int(2).Int(1).Int(1).Str("bench").Str("kv").Str("v").Short(0x0D).Int(1).Bytes(value).ToArray());
        _rowsNoMetadata = Frame(0x08, new Body().Int(2).Int(4).Int(1).Int(1).Bytes(value).ToArray());
        new Thread(Accept) { IsBackground = true, Name = "responder-accept" }.Start();
    }

    public int Port { get; }

    public void Dispose()
    {
        _stopped = true;
        _listener.Dispose();
    }

    private void Accept()
    {
        while (!_stopped)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            new Thread(() => Serve(socket)) { IsBackground = true, Name = "responder" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        byte[] buffer = new byte[1 << 20];
        byte[] output = new byte[1 << 20];
        int filled = 0;
        try
        {
            while (!_stopped)
            {
                int read = socket.Receive(buffer.AsSpan(filled));
                if (read == 0)
                {
                    return;
                }

                filled += read;
                int offset = 0;
                int outLength = 0;
                while (filled - offset >= 9)
                {
                    int length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 5));
                    if (filled - offset < 9 + length)
                    {
                        break;
                    }

                    byte streamHi = buffer[offset + 2];
                    byte streamLo = buffer[offset + 3];
                    byte opcode = buffer[offset + 4];
                    ReadOnlySpan<byte> body = buffer.AsSpan(offset + 9, length);
                    offset += 9 + length;
                    byte[] reply = opcode == 0x0A ? Execute(body) : Other(opcode, body);
                    if (outLength + reply.Length > output.Length)
                    {
                        socket.Send(output.AsSpan(0, outLength));
                        outLength = 0;
                    }

                    reply.CopyTo(output, outLength);
                    output[outLength + 2] = streamHi;
                    output[outLength + 3] = streamLo;
                    outLength += reply.Length;
                }

                if (outLength > 0)
                {
                    socket.Send(output.AsSpan(0, outLength));
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>EXECUTE (§4.1.6): [short bytes] id, then consistency [short] and the flags byte.</summary>
    private byte[] Execute(ReadOnlySpan<byte> body)
    {
        int idLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        byte flags = body[2 + idLength + 2];
        return (flags & 0x02) != 0 ? _rowsNoMetadata : _rowsWithMetadata;
    }

    private static byte[] Other(byte opcode, ReadOnlySpan<byte> body)
    {
        switch (opcode)
        {
            case 0x01: // STARTUP
            case 0x0B: // REGISTER
                return Frame(0x02, []);
            case 0x05: // OPTIONS
                return Frame(0x06, new Body().Short(1).Str("CQL_VERSION").Short(1).Str("3.2.0").ToArray());
            case 0x09: // PREPARE: one int marker, one text result column (§4.2.5.4)
                return Frame(0x08, new Body().Int(4).ShortBytes([1, 2, 3, 4, 5, 6, 7, 8])
                    .Int(1).Int(1).Str("bench").Str("kv").Str("id").Short(0x09)
                    .Int(1).Int(1).Str("bench").Str("kv").Str("v").Short(0x0D).ToArray());
            case 0x07: // QUERY
                string cql = Encoding.UTF8.GetString(body.Slice(4, BinaryPrimitives.ReadInt32BigEndian(body)));
                return Frame(0x08, Query(cql));
            default:
                return Frame(0x08, new Body().Int(1).ToArray());
        }
    }

    private static byte[] Query(string cql)
    {
        Match select = SelectList().Match(cql);
        if (!select.Success)
        {
            return cql.StartsWith("USE ", StringComparison.OrdinalIgnoreCase)
                ? new Body().Int(3).Str(cql[4..].Trim().Trim('"')).ToArray()
                : new Body().Int(1).ToArray();
        }

        string[] columns = [.. select.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        Body rows = new Body().Int(2).Int(1).Int(columns.Length).Str("system").Str("t");
        foreach (string column in columns)
        {
            rows.Str(column);
            if (column == "tokens")
            {
                rows.Short(0x22).Short(0x0D);
            }
            else if (column is "peer" or "rpc_address")
            {
                rows.Short(0x10);
            }
            else if (column == "schema_version")
            {
                rows.Short(0x0C);
            }
            else
            {
                rows.Short(0x0D);
            }
        }

        if (!cql.Contains("system.local", StringComparison.Ordinal))
        {
            return rows.Int(0).ToArray();
        }

        rows.Int(1);
        foreach (string column in columns)
        {
            switch (column)
            {
                case "cluster_name": rows.Text("responder"); break;
                case "data_center": rows.Text("datacenter1"); break;
                case "rack": rows.Text("rack1"); break;
                case "release_version": rows.Text("2.1.0"); break;
                case "partitioner": rows.Text("org.apache.cassandra.dht.Murmur3Partitioner"); break;
                case "tokens": rows.Bytes(new Body().Int(1).Text("0").ToArray()); break;
                case "schema_version": rows.Bytes(new byte[16]); break;
                default: rows.Int(-1); break;
            }
        }

        return rows.ToArray();
    }

    [GeneratedRegex(@"^\s*SELECT\s+(.+?)\s+FROM\s", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectList();

    /// <summary>A v3 response frame (version 0x83) with stream 0; the stream is patched per reply.</summary>
    private static byte[] Frame(byte opcode, byte[] body)
    {
        byte[] frame = new byte[9 + body.Length];
        frame[0] = 0x83;
        frame[4] = opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame, 9);
        return frame;
    }

    private sealed class Body
    {
        private readonly MemoryStream _stream = new();

        public Body Int(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, value);
            _stream.Write(b);
            return this;
        }

        public Body Short(int value)
        {
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
            _stream.Write(b);
            return this;
        }

        public Body Str(string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            Short(bytes.Length);
            _stream.Write(bytes);
            return this;
        }

        public Body ShortBytes(byte[] value)
        {
            Short(value.Length);
            _stream.Write(value);
            return this;
        }

        public Body Bytes(byte[] value)
        {
            Int(value.Length);
            _stream.Write(value);
            return this;
        }

        public Body Text(string value) => Bytes(Encoding.UTF8.GetBytes(value));

        public byte[] ToArray() => _stream.ToArray();
    }
}
