using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AsyncCassandra.Tests.Connections;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests.Cluster;

/// <summary>
/// A scripted Cassandra 2.1 node on loopback (protocol v3, spec §2 framing): it answers STARTUP (refusing other
/// versions as 2.1 does), optional PasswordAuthenticator login, REGISTER, USE, the system tables a client reads
/// (system.local, system.peers with the peers a test scripts, empty schema tables), and anything else with a Void
/// result. It counts what clients do and can push EVENT frames to the connections that registered, so tests can play
/// a hostile or broken cluster against the whole client.
/// </summary>
internal sealed class ScriptedNode : LoopbackServer
{
    private readonly ConcurrentBag<(Socket Socket, SemaphoreSlim Gate)> _registered = [];
    private readonly ConcurrentDictionary<string, int> _queries = new(StringComparer.Ordinal);
    private int _accepted;
    private int _authResponses;
    private int _readies;
    private int _open;

    public ScriptedNode()
    {
    }

    /// <summary>A node on another loopback address (127.0.0.N) and a given port: a peer of another scripted node.</summary>
    public ScriptedNode(IPAddress address, int port)
        : base(address, port)
    {
    }

    /// <summary>Ask for credentials (PasswordAuthenticator) and refuse every one.</summary>
    public bool RejectCredentials { get; init; }

    /// <summary>Close each connection right after answering STARTUP with READY (a node that accepts and drops).</summary>
    public bool CloseAfterReady { get; init; }

    /// <summary>
    /// Answers a QUERY or PREPARE (with its text) or EXECUTE (text null) before the defaults: a reply (opcode and body), or
    /// <see cref="ScriptedReply.Silence"/> for none at all; null falls through to the default answer.
    /// </summary>
    public Func<byte, string?, ScriptedReply?>? Script { get; init; }

    /// <summary>Answers an EXECUTE from its body (v3 §4.1.6: [short bytes] id, then the query parameters) before <see cref="Script"/>; null falls through.</summary>
    public Func<byte[], ScriptedReply?>? Execute { get; init; }

    /// <summary>The consistency level of each QUERY whose text contains <paramref name="fragment"/>, in arrival order.</summary>
    public IReadOnlyList<ushort> Consistencies(string fragment)
    {
        lock (_consistencies)
        {
            return [.. _consistencies.Where(c => c.Cql.Contains(fragment, StringComparison.Ordinal)).Select(c => c.Consistency)];
        }
    }

    private readonly List<(string Cql, ushort Consistency)> _consistencies = [];

    /// <summary>
    /// Answers a QUERY that is not one of the system queries: the RESULT body and a delay in ms (0: at once, in order;
    /// more: later, while the connection's other requests are answered). Null (or returning null): a Void result.
    /// </summary>
    public Func<string, (byte[] Body, int DelayMs)?>? Respond { get; init; }

    /// <summary>Answers an EXECUTE (its body) with a RESULT or ERROR frame body of the given opcode; null (or returning null): a Void result.</summary>
    public Func<byte[], (byte Opcode, byte[] Body)?>? RespondExecute { get; init; }

    /// <summary>The data centre of this node, in system.local.</summary>
    public string Datacenter { get; init; } = "datacenter1";

    /// <summary>The rows of system.peers: address, data centre, rack, one token.</summary>
    public List<(IPAddress Address, string Datacenter, string Rack, long Token)> Peers { get; } = [];

    public int Accepted => Volatile.Read(ref _accepted);

    public int AuthResponses => Volatile.Read(ref _authResponses);

    /// <summary>STARTUPs answered with READY (connections that opened).</summary>
    public int Readies => Volatile.Read(ref _readies);

    /// <summary>Connections currently open.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>How many times a query whose text contains <paramref name="fragment"/> was run.</summary>
    public int Queries(string fragment) => _queries.Where(q => q.Key.Contains(fragment, StringComparison.Ordinal)).Sum(q => q.Value);

    /// <summary>Pushes an EVENT (spec §4.2.6) to every connection that REGISTERed; returns how many got it.</summary>
    public async Task<int> SendEventAsync(byte[] body)
    {
        byte[] frame = ScriptedServer.Frame(0x0C, -1, body);
        int sent = 0;
        foreach ((Socket socket, SemaphoreSlim gate) in _registered)
        {
            await gate.WaitAsync();
            try
            {
                await socket.SendAsync(frame);
                sent++;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            finally
            {
                gate.Release();
            }
        }

        return sent;
    }

    /// <summary>A STATUS_CHANGE or TOPOLOGY_CHANGE event body for an IPv4 address.</summary>
    public static byte[] StatusEvent(string type, string change, IPAddress address) =>
        new Body().String(type).String(change).Byte(4).Raw(address.GetAddressBytes()).Int(9042).ToArray();

    /// <summary>A SCHEMA_CHANGE event body for a keyspace.</summary>
    public static byte[] SchemaEvent(string keyspace) =>
        new Body().String("SCHEMA_CHANGE").String("UPDATED").String("KEYSPACE").String(keyspace).ToArray();

    protected override async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
        try
        {
            await ServeFramesAsync(socket);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task ServeFramesAsync(Socket socket)
    {
        var gate = new SemaphoreSlim(1, 1);
        var buffer = new byte[1 << 16];
        int filled = 0;
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled), Stop.Token);
            if (read == 0)
            {
                return;
            }

            filled += read;
            int offset = 0;
            while (filled - offset >= 9)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 5));
                if (filled - offset < 9 + length)
                {
                    break;
                }

                byte version = (byte)(buffer[offset] & 0x7F);
                short stream = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(offset + 2));
                byte opcode = buffer[offset + 4];
                byte[] body = buffer.AsSpan(offset + 9, length).ToArray();
                offset += 9 + length;
                (byte[]? reply, bool close) = Answer(version, stream, opcode, body, socket, gate);
                if (reply is null)
                {
                    continue; // scripted silence: this request never gets a reply
                }

                if (opcode == 0x07 && Respond is { } respond && respond(QueryText(body)) is { DelayMs: > 0 } later)
                {
                    _ = SendLaterAsync(socket, gate, ScriptedServer.Frame(0x08, stream, later.Body), later.DelayMs);
                    continue;
                }

                await gate.WaitAsync();
                try
                {
                    await socket.SendAsync(reply, Stop.Token);
                }
                finally
                {
                    gate.Release();
                }

                if (close)
                {
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }

            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }
    }

    private static string QueryText(byte[] body) => Encoding.UTF8.GetString(body, 4, BinaryPrimitives.ReadInt32BigEndian(body));

    private async Task SendLaterAsync(Socket socket, SemaphoreSlim gate, byte[] reply, int delayMs)
    {
        try
        {
            await Task.Delay(delayMs, Stop.Token);
            await gate.WaitAsync(Stop.Token);
            try
            {
                await socket.SendAsync(reply, Stop.Token);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private (byte[]? Reply, bool Close) Answer(byte version, short stream, byte opcode, byte[] body, Socket socket, SemaphoreSlim gate)
    {
        if (version == 3 && opcode == 0x0A && Execute is { } execute && execute(body) is { } executed)
        {
            return (ReferenceEquals(executed, ScriptedReply.Silence) ? null : ScriptedServer.Frame(executed.Opcode, stream, executed.Body), false);
        }

        if (version == 3 && opcode is 0x07 or 0x09 or 0x0A && Script is { } script)
        {
            string? text = null;
            if (opcode == 0x09)
            {
                text = Encoding.UTF8.GetString(body, 4, BinaryPrimitives.ReadInt32BigEndian(body));
            }
            else if (opcode == 0x07)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(body);
                text = Encoding.UTF8.GetString(body, 4, length);
                _queries.AddOrUpdate(text, 1, (_, n) => n + 1);
                lock (_consistencies)
                {
                    _consistencies.Add((text, BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(4 + length))));
                }
            }

            if (script(opcode, text) is { } scripted)
            {
                return (ReferenceEquals(scripted, ScriptedReply.Silence) ? null : ScriptedServer.Frame(scripted.Opcode, stream, scripted.Body), false);
            }

            if (text is not null && opcode == 0x07)
            {
                return (ScriptedServer.Frame(0x08, stream, Query(text)), false);
            }
        }

        if (version != 3)
        {
            return (ScriptedServer.Frame(0x00, stream, ScriptedServer.ErrorBody(0x000A, $"Invalid or unsupported protocol version ({version}); supported versions are (3/v3)"), version), false);
        }

        switch (opcode)
        {
            case 0x01: // STARTUP
                if (RejectCredentials)
                {
                    return (ScriptedServer.Frame(0x03, stream, new Body().String("org.apache.cassandra.auth.PasswordAuthenticator").ToArray()), false);
                }

                Interlocked.Increment(ref _readies);
                return (ScriptedServer.Frame(0x02, stream, []), CloseAfterReady);
            case 0x0F: // AUTH_RESPONSE
                Interlocked.Increment(ref _authResponses);
                return (ScriptedServer.Frame(0x00, stream, ScriptedServer.ErrorBody(0x0100, "Username and/or password are incorrect")), false);
            case 0x05: // OPTIONS
                return (ScriptedServer.Frame(0x06, stream, new Body().Short(1).String("CQL_VERSION").StringList("3.2.0").ToArray()), false);
            case 0x0B: // REGISTER
                _registered.Add((socket, gate));
                return (ScriptedServer.Frame(0x02, stream, []), false);
            case 0x07: // QUERY
                string cql = Encoding.UTF8.GetString(body, 4, BinaryPrimitives.ReadInt32BigEndian(body));
                _queries.AddOrUpdate(cql, 1, (_, n) => n + 1);
                return (ScriptedServer.Frame(0x08, stream, Query(cql)), false);
            case 0x09: // PREPARE: an id from the text, no markers, no result columns (v3 §4.2.5.4)
                string text = Encoding.UTF8.GetString(body, 4, BinaryPrimitives.ReadInt32BigEndian(body));
                byte[] id = BitConverter.GetBytes(text.GetHashCode(StringComparison.Ordinal));
                return (ScriptedServer.Frame(0x08, stream, new Body().Int(0x0004).ShortBytes(id).Int(0x0001).Int(0).String("ks").String("t").Int(0x0004).Int(0).ToArray()), false);
            case 0x0A when RespondExecute?.Invoke(body) is { } responded: // EXECUTE
                return (ScriptedServer.Frame(responded.Opcode, stream, responded.Body), false);
            default:
                return (ScriptedServer.VoidResult(stream), false);
        }
    }

    private byte[] Query(string cql)
    {
        if (cql.StartsWith("USE ", StringComparison.OrdinalIgnoreCase))
        {
            return new Body().Int(0x0003).String(cql[4..].Trim('"')).ToArray();
        }

        if (cql.Contains("FROM system.local", StringComparison.Ordinal))
        {
            Body rows = Rows("local", ("cluster_name", Varchar), ("data_center", Varchar), ("rack", Varchar), ("release_version", Varchar), ("partitioner", Varchar), ("tokens", SetOfVarchar), ("schema_version", Uuid)).Int(1);
            return rows.TextCell("scripted").TextCell(Datacenter).TextCell("rack1").TextCell("2.1.0").TextCell("org.apache.cassandra.dht.Murmur3Partitioner")
                .Bytes(TextSet("0")).Bytes(new byte[16]).ToArray();
        }

        if (cql.Contains("FROM system.peers", StringComparison.Ordinal))
        {
            Body rows = Rows("peers", ("peer", Inet), ("rpc_address", Inet), ("data_center", Varchar), ("rack", Varchar), ("release_version", Varchar), ("tokens", SetOfVarchar), ("schema_version", Uuid)).Int(Peers.Count);
            foreach ((IPAddress address, string dc, string rack, long token) in Peers)
            {
                rows.Bytes(address.GetAddressBytes()).Bytes(address.GetAddressBytes()).TextCell(dc).TextCell(rack).TextCell("2.1.0")
                    .Bytes(TextSet(token.ToString(System.Globalization.CultureInfo.InvariantCulture))).Bytes(new byte[16]);
            }

            return rows.ToArray();
        }

        if (cql.Contains("FROM system.schema_", StringComparison.Ordinal))
        {
            return Rows("schema", ("a", Varchar), ("b", Varchar), ("c", Varchar)).Int(0).ToArray();
        }

        if (Respond?.Invoke(cql) is { } answer)
        {
            return answer.Body;
        }

        return [0, 0, 0, 1];
    }

    private static readonly byte[] Varchar = [0, 0x0D];
    private static readonly byte[] Inet = [0, 0x10];
    private static readonly byte[] Uuid = [0, 0x0C];
    private static readonly byte[] SetOfVarchar = [0, 0x22, 0, 0x0D];

    /// <summary>RESULT Rows metadata with a global table spec (spec §4.2.5.2); the caller appends the row count and rows.</summary>
    private static Body Rows(string table, params (string Name, byte[] Type)[] columns)
    {
        Body body = new Body().Int(0x0002).Int(0x0001).Int(columns.Length).String("system").String(table);
        foreach ((string name, byte[] type) in columns)
        {
            body.String(name).Raw(type);
        }

        return body;
    }

    private static byte[] TextSet(params string[] items)
    {
        var body = new Body().Int(items.Length);
        foreach (string item in items)
        {
            body.TextCell(item);
        }

        return body.ToArray();
    }
}

/// <summary>A scripted node's reply: an opcode (0x00 ERROR, 0x08 RESULT) and its body.</summary>
internal sealed record ScriptedReply(byte Opcode, byte[] Body)
{
    /// <summary>No reply at all: the request waits until its caller gives up.</summary>
    public static readonly ScriptedReply Silence = new(0xFF, []);

    /// <summary>RESULT Void (spec §4.2.5.1).</summary>
    public static ScriptedReply Void => new(0x08, [0, 0, 0, 1]);

    /// <summary>An ERROR with a code, a message and the code's own fields (v3 §9).</summary>
    public static ScriptedReply Error(int code, string message, Func<Body, Body>? fields = null)
    {
        Body body = new Body().Int(code).String(message);
        return new(0x00, (fields?.Invoke(body) ?? body).ToArray());
    }
}
