using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AsyncCassandra.ServerModel;

/// <summary>
/// A model of one Cassandra node's native transport, listening on a loopback port: version negotiation as Cassandra
/// answers it (an unknown version refused in the highest one it speaks, a beta version without USE_BETA refused in
/// that version), OPTIONS/SUPPORTED, STARTUP with or without LZ4, PasswordAuthenticator's SASL exchange, v5 framing from
/// READY or AUTHENTICATE on (v5 §2.3.1) with CRC24/CRC32 checks that drop the connection on a mismatch, multi-segment
/// envelopes, v3/v4 compressed bodies, prepared statements with result metadata ids and METADATA_CHANGED, paging,
/// REGISTER and pushed events, and a few in-memory tables (see <see cref="ModelData"/>) plus the system tables drivers
/// read. Written from the specs in docs/protocol and checked against the Python driver; it shares no code with the
/// client it tests.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, ModelConnection> _connections = new();
    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private readonly ConcurrentQueue<string> _closeReasons = new();
    private readonly ConcurrentDictionary<string, (string Query, string? Keyspace)> _prepared = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;
    private int _nextConnection;
    private int _crcMismatches;
    private int _disposed;

    public ModelServer(ModelServerOptions? options = null)
    {
        Options = options ?? new ModelServerOptions();
        _listener = new TcpListener(Options.Address, Options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public ModelServerOptions Options { get; }

    public IPAddress Address => Options.Address;

    public int Port { get; }

    /// <summary>"address:port", as a contact point.</summary>
    public string Endpoint => $"{Address}:{Port}";

    public ModelData Data => Options.Data;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ModelRequest> Requests => [.. _requests];

    /// <summary>Why connections were closed by the model (CRC mismatches, refused versions, protocol errors).</summary>
    public IReadOnlyList<string> CloseReasons => [.. _closeReasons];

    /// <summary>Connections dropped because a segment failed its CRC24 or CRC32.</summary>
    public int CrcMismatches => Volatile.Read(ref _crcMismatches);

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _nextConnection);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _connections.Count;

    internal CancellationToken Stopping => _stop.Token;

    internal void Record(ModelRequest request) => _requests.Enqueue(request);

    internal void Closed(int id, string? reason, bool crc)
    {
        _connections.TryRemove(id, out _);
        if (reason is not null)
        {
            _closeReasons.Enqueue(reason);
        }

        if (crc)
        {
            Interlocked.Increment(ref _crcMismatches);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                socket.NoDelay = true;
                int id = Interlocked.Increment(ref _nextConnection);
                var connection = new ModelConnection(this, socket, id);
                _connections[id] = connection;
                _ = connection.RunAsync();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The prepared id Cassandra computes: MD5 of the keyspace and the query text.</summary>
    public static byte[] PreparedId(string query, string? keyspace) => MD5.HashData(Encoding.UTF8.GetBytes((keyspace ?? "") + query));

    internal byte[] StorePrepared(string query, string? keyspace)
    {
        byte[] id = PreparedId(query, keyspace);
        _prepared[Convert.ToHexString(id)] = (query, keyspace);
        return id;
    }

    internal (string Query, string? Keyspace)? FindPrepared(byte[] id) =>
        _prepared.TryGetValue(Convert.ToHexString(id), out var entry) ? entry : null;

    /// <summary>Forgets the prepared statements on a table, as Cassandra does when the table is altered or dropped.</summary>
    internal void EvictPrepared(string keyspace, string table)
    {
        foreach (KeyValuePair<string, (string Query, string? Keyspace)> entry in _prepared)
        {
            try
            {
                if (Engine.Analyze(Cql.Parse(entry.Value.Query), entry.Value.Keyspace, Resolve) is { Table: { } t } && t.Keyspace == keyspace && t.Name == table)
                {
                    _prepared.TryRemove(entry.Key, out _);
                }
            }
            catch (ModelQueryException)
            {
                _prepared.TryRemove(entry.Key, out _);
            }
        }
    }

    private int _corruptNextReply;

    /// <summary>Corrupts one payload byte of the next framed (v5) reply, so that its CRC32 fails at the client.</summary>
    public void CorruptNextReply() => Volatile.Write(ref _corruptNextReply, 1);

    internal bool TakeCorruption() => Interlocked.Exchange(ref _corruptNextReply, 0) == 1;

    /// <summary>Forgets every prepared statement (a restarted node): the next EXECUTE gets UNPREPARED.</summary>
    public void ForgetPreparedStatements() => _prepared.Clear();

    /// <summary>A table by keyspace and name: the system tables of this node, or the model's data.</summary>
    public Table? Resolve(string keyspace, string table) => keyspace switch
    {
        "system" => SystemTables.Local(this, table),
        "system_schema" => SystemTables.Schema(Data, table),
        _ => Data.Find(keyspace, table),
    };

    /// <summary>Pushes an EVENT (stream -1, §4.2.6) to every connection that REGISTERed for its type.</summary>
    public async Task PushEventAsync(string type, Action<WireWriter> body)
    {
        var writer = new WireWriter().String(type);
        body(writer);
        byte[] bytes = writer.ToArray();
        foreach (ModelConnection connection in _connections.Values)
        {
            await connection.PushEventAsync(type, bytes);
        }
    }

    /// <summary>STATUS_CHANGE UP/DOWN or TOPOLOGY_CHANGE NEW_NODE/REMOVED_NODE for a node.</summary>
    public Task PushNodeEventAsync(string type, string change, IPAddress address, int port) =>
        PushEventAsync(type, w => w.String(change).Inet(address, port));

    public Task PushSchemaChangeAsync(SchemaChangeResult change) =>
        PushEventAsync("SCHEMA_CHANGE", w => Responses.WriteSchemaChange(w, change));

    /// <summary>Closes every open connection (the node restarts or the network drops), without stopping the listener.</summary>
    public void DropConnections()
    {
        foreach (ModelConnection connection in _connections.Values)
        {
            connection.Abort("dropped by the test");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
