using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using K4os.Compression.LZ4;

namespace AsyncCassandra.ServerModel;

/// <summary>
/// One client connection to the model: reads envelopes (unframed until the handshake, then inside v5 segments),
/// answers each in turn, and pushes events. Requests on one connection are answered in order.
/// </summary>
internal sealed class ModelConnection
{
    private const int UseBetaFlag = 0x10;
    private const string PasswordAuthenticator = "org.apache.cassandra.auth.PasswordAuthenticator";

    private readonly ModelServer _server;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly int _id;
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private readonly List<byte> _assembly = [];
    private int _version;
    private bool _started;
    private bool _ready;
    private bool _challenged;
    private bool _framed;
    private bool _lz4;
    private string? _keyspace;
    private int _closed;

    public ModelConnection(ModelServer server, Socket socket, int id)
    {
        _server = server;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _id = id;
    }

    private ModelServerOptions Options => _server.Options;

    public async Task RunAsync()
    {
        string? reason = null;
        bool crc = false;
        try
        {
            CancellationToken token = _server.Stopping;
            while (Volatile.Read(ref _closed) == 0)
            {
                if (!_framed)
                {
                    byte[] header = new byte[9];
                    await _stream.ReadExactlyAsync(header, token);
                    int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                    if (length < 0 || length > 256 << 20)
                    {
                        throw new ModelProtocolException($"invalid envelope body length {length}");
                    }

                    byte[] body = new byte[length];
                    await _stream.ReadExactlyAsync(body, token);
                    if (!await HandleAsync(header, body, framed: false))
                    {
                        return;
                    }
                }
                else
                {
                    // v5 §2: a segment header (3 bytes, or 5 with LZ4) and its CRC24, then the payload and its CRC32.
                    int headerLength = _lz4 ? 5 : 3;
                    byte[] head = new byte[headerLength + 3];
                    await _stream.ReadExactlyAsync(head, token);
                    // Checks the header CRC before trusting the length in it.
                    Segments.TryDecode(head, _lz4, out _, out _, out _);
                    ulong value = 0;
                    for (int i = 0; i < headerLength; i++)
                    {
                        value |= (ulong)head[i] << (8 * i);
                    }

                    int payloadLength = (int)(value & Segments.MaxPayload);
                    byte[] segment = new byte[head.Length + payloadLength + 4];
                    head.CopyTo(segment, 0);
                    await _stream.ReadExactlyAsync(segment.AsMemory(head.Length), token);
                    Segments.TryDecode(segment, _lz4, out byte[] payload, out bool selfContained, out _);
                    _assembly.AddRange(payload);
                    while (_assembly.Count >= 9)
                    {
                        int bodyLength = BinaryPrimitives.ReadInt32BigEndian([.. _assembly.GetRange(5, 4)]);
                        if (_assembly.Count < 9 + bodyLength)
                        {
                            break;
                        }

                        byte[] header = [.. _assembly.GetRange(0, 9)];
                        byte[] body = [.. _assembly.GetRange(9, bodyLength)];
                        _assembly.RemoveRange(0, 9 + bodyLength);
                        if (!await HandleAsync(header, body, framed: true))
                        {
                            return;
                        }
                    }

                    if (selfContained && _assembly.Count > 0)
                    {
                        throw new ModelProtocolException("a self-contained segment ended inside an envelope");
                    }
                }
            }
        }
        catch (SegmentCrcException ex)
        {
            // Cassandra: CRCMismatchException closes the channel; the client gets no reply.
            reason = $"connection {_id}: {ex.Message}";
            crc = true;
        }
        catch (ModelProtocolException ex)
        {
            reason = $"connection {_id}: {ex.Message}";
        }
        catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Abort(null);
            _server.Closed(_id, reason, crc);
        }
    }

    public void Abort(string? why)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _stream.Dispose();
        _ = why;
    }

    /// <summary>Handles one envelope; false when the connection is to be closed.</summary>
    private async Task<bool> HandleAsync(byte[] header, byte[] body, bool framed)
    {
        int flags = header[1];
        short stream = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
        byte opcode = header[4];
        int version = header[0] & 0x7F;
        if (_version == 0)
        {
            int min = Options.Versions.Min(), max = Options.Versions.Max();
            if ((header[0] & 0x80) != 0 || !Options.Versions.Contains(version))
            {
                // Cassandra's ProtocolVersion.decode: a version too old is answered in that version, any other in the
                // highest the node speaks; the message lists what it speaks. Then the connection is closed.
                int replyVersion = version < min && version >= 1 ? version : max;
                string supported = string.Join(", ", Options.Versions.Select(v => $"{v}/v{v}{(Options.BetaVersions.Contains(v) ? "-beta" : "")}"));
                await SendRawAsync(Responses.Envelope(replyVersion, 0, stream, Opcodes.Error, Responses.Error(ErrorCodes.ProtocolError, $"Invalid or unsupported protocol version ({version}); supported versions are ({supported})")));
                _server.Closed(_id, $"connection {_id}: refused protocol v{version}", false);
                return false;
            }

            if (Options.BetaVersions.Contains(version) && (flags & UseBetaFlag) == 0)
            {
                // Cassandra 3.x (Frame.Decoder): the error goes out in the refused version itself, unframed.
                await SendRawAsync(Responses.Envelope(version, 0, stream, Opcodes.Error, Responses.Error(ErrorCodes.ProtocolError, $"Beta version of the protocol used ({version}/v{version}-beta), but USE_BETA flag is unset")));
                _server.Closed(_id, $"connection {_id}: beta v{version} without USE_BETA", false);
                return false;
            }

            _version = version;
        }
        else if (version != _version || (header[0] & 0x80) != 0)
        {
            await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.ProtocolError, $"Invalid message version. Got {version} but previous messages on this connection had version {_version}"));
            return false;
        }

        if ((flags & 0x01) != 0 && _version < 5)
        {
            // v4 §5: [int] uncompressed length (big-endian), then an LZ4 block; only with the algorithm STARTUP chose.
            if (!_lz4)
            {
                await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.ProtocolError, "Received a compressed frame, but no compression was negotiated"));
                return false;
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(body);
            byte[] plain = new byte[length];
            if (LZ4Codec.Decode(body.AsSpan(4), plain) != length)
            {
                throw new ModelProtocolException("corrupt LZ4 body");
            }

            body = plain;
        }

        var reader = new WireReader(body);
        if ((flags & 0x04) != 0 && opcode is Opcodes.Query or Opcodes.Prepare or Opcodes.Execute or Opcodes.Batch)
        {
            reader.ReadBytesMap(); // §2.4.1.2 custom payload: ignored, as the default QueryHandler does
        }

        var request = new ModelRequest { Connection = _id, Version = _version, Opcode = opcode, HeaderFlags = flags, Framed = framed, Compressed = framed && _lz4 };
        try
        {
            return await DispatchAsync(request, stream, reader);
        }
        catch (ModelProtocolException ex)
        {
            _server.Record(request);
            await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.ProtocolError, ex.Message));
            return true;
        }
        catch (ModelQueryException ex)
        {
            await ReplyAsync(stream, Opcodes.Error, Responses.Error(ex.Code, ex.Message));
            return true;
        }
        catch (ModelDropConnectionException)
        {
            _server.Closed(_id, $"connection {_id}: dropped at opcode {opcode:X2} by the test", false);
            return false;
        }
    }

    private async Task<bool> DispatchAsync(ModelRequest request, short stream, WireReader reader)
    {
        switch (request.Opcode)
        {
            case Opcodes.Options:
                _server.Record(request);
                await ReplyAsync(stream, Opcodes.Supported, new WireWriter().StringMultimap(new Dictionary<string, string[]>
                {
                    ["PROTOCOL_VERSIONS"] = [.. Options.Versions.Select(v => $"{v}/v{v}{(Options.BetaVersions.Contains(v) ? "-beta" : "")}")],
                    ["CQL_VERSION"] = ["3.4.5"],
                    ["COMPRESSION"] = ["lz4"],
                }).ToArray());
                return true;
            case Opcodes.Startup:
                return await StartupAsync(request, stream, reader);
            case Opcodes.AuthResponse:
                return await AuthResponseAsync(request, stream, reader);
        }

        if (!_ready)
        {
            _server.Record(request);
            throw new ModelProtocolException($"Unexpected message {request.Opcode:X2}, expecting {(_started ? "SASL_RESPONSE" : "STARTUP or OPTIONS")}");
        }

        switch (request.Opcode)
        {
            case Opcodes.Register:
                List<string> types = reader.ReadStringList();
                _server.Record(request);
                lock (_events)
                {
                    _events.UnionWith(types);
                }

                await ReplyAsync(stream, Opcodes.Ready, []);
                return true;
            case Opcodes.Query:
                await QueryAsync(request, stream, reader);
                return true;
            case Opcodes.Prepare:
                await PrepareAsync(request, stream, reader);
                return true;
            case Opcodes.Execute:
                await ExecuteAsync(request, stream, reader);
                return true;
            case Opcodes.Batch:
                await BatchAsync(request, stream, reader);
                return true;
            default:
                _server.Record(request);
                throw new ModelProtocolException($"Unknown opcode {request.Opcode}");
        }
    }

    private async Task<bool> StartupAsync(ModelRequest request, short stream, WireReader reader)
    {
        Dictionary<string, string> options = reader.ReadStringMap();
        _server.Record(request with { StartupOptions = options });
        if (Options.CloseAtStartup)
        {
            _server.Closed(_id, $"connection {_id}: closed at STARTUP (as configured)", false);
            return false;
        }

        if (_started)
        {
            throw new ModelProtocolException("Unexpected message STARTUP, the connection is already started");
        }

        if (!options.ContainsKey("CQL_VERSION"))
        {
            throw new ModelProtocolException("Missing value CQL_VERSION in STARTUP message");
        }

        if (options.TryGetValue("COMPRESSION", out string? compression))
        {
            if (!string.Equals(compression, "lz4", StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelProtocolException($"Unknown compression algorithm: {compression}");
            }

            // v4 §5 / v5 §2.3.2: from the reply to STARTUP on, the agreed compression applies.
            _lz4 = true;
        }

        _started = true;
        if (Options.Credentials is null)
        {
            await ReplyAsync(stream, Opcodes.Ready, []);
            _ready = true;
        }
        else
        {
            await ReplyAsync(stream, Opcodes.Authenticate, new WireWriter().String(PasswordAuthenticator).ToArray());
        }

        // v5 §2.3.1: after READY or AUTHENTICATE, everything is framed (and compressed if STARTUP asked for it).
        _framed = _version >= 5;
        return true;
    }

    private async Task<bool> AuthResponseAsync(ModelRequest request, short stream, WireReader reader)
    {
        byte[]? token = reader.ReadBytes();
        _server.Record(request);
        if (await InterceptedAsync(request, stream))
        {
            return true;
        }

        if (!_started || _ready || Options.Credentials is not { } credentials)
        {
            throw new ModelProtocolException("Unexpected message AUTH_RESPONSE");
        }

        if (Options.ChallengeOnce && !_challenged)
        {
            _challenged = true;
            await ReplyAsync(stream, Opcodes.AuthChallenge, new WireWriter().Bytes([1, 2, 3]).ToArray());
            return true;
        }

        // SASL PLAIN (RFC 4616): [authzid] NUL authcid NUL passwd.
        string[] parts = Encoding.UTF8.GetString(token ?? []).Split('\0');
        if (parts.Length == 3 && parts[1] == credentials.User && parts[2] == credentials.Password)
        {
            await ReplyAsync(stream, Opcodes.AuthSuccess, new WireWriter().Bytes(null).ToArray());
            _ready = true;
            return true;
        }

        string user = parts.Length == 3 ? parts[1] : "?";
        await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.BadCredentials, $"Provided username {user} and/or password are incorrect"));
        return true;
    }

    /// <summary>&lt;query_parameters&gt; (§4.1.4): flags are an [int] from v5 on, a [byte] before.</summary>
    private sealed record Parameters(int Flags, List<byte[]?> Values, List<string>? Names, int PageSize, byte[]? PagingState, string? Keyspace, int? Now)
    {
        public bool SkipMetadata => (Flags & 0x02) != 0;
    }

    private Parameters ReadParameters(WireReader reader)
    {
        reader.ReadShort(); // consistency
        int flags = _version >= 5 ? reader.ReadInt() : reader.ReadByte();
        var values = new List<byte[]?>();
        List<string>? names = null;
        if ((flags & 0x01) != 0)
        {
            int n = reader.ReadShort();
            for (int i = 0; i < n; i++)
            {
                if ((flags & 0x40) != 0)
                {
                    (names ??= []).Add(reader.ReadString());
                }

                values.Add(_version >= 4 ? reader.ReadValue() : reader.ReadBytes());
            }
        }

        int pageSize = (flags & 0x04) != 0 ? reader.ReadInt() : 0;
        byte[]? pagingState = (flags & 0x08) != 0 ? reader.ReadBytes() : null;
        if ((flags & 0x10) != 0)
        {
            reader.ReadShort();
        }

        if ((flags & 0x20) != 0 && reader.ReadLong() < 0)
        {
            throw new ModelProtocolException("Out of bound timestamp, must be positive");
        }

        string? keyspace = _version >= 5 && (flags & 0x80) != 0 ? reader.ReadString() : null;
        int? now = _version >= 5 && (flags & 0x100) != 0 ? reader.ReadInt() : null;
        return new Parameters(flags, values, names, pageSize, pagingState, keyspace, now);
    }

    /// <summary>Values in marker order: by name when the 0x40 flag named them.</summary>
    private static List<byte[]?> Ordered(AnalyzedStatement analyzed, Parameters parameters)
    {
        if (parameters.Names is null)
        {
            return parameters.Values;
        }

        var ordered = new List<byte[]?>();
        foreach (Column variable in analyzed.Variables.Columns)
        {
            int index = parameters.Names.FindIndex(n => string.Equals(n, variable.Name, StringComparison.OrdinalIgnoreCase));
            ordered.Add(index >= 0 ? parameters.Values[index] : throw new ModelQueryException(ErrorCodes.Invalid, $"Missing value for bind variable {variable.Name}"));
        }

        return ordered;
    }

    private async Task QueryAsync(ModelRequest request, short stream, WireReader reader)
    {
        string query = reader.ReadLongString();
        Parameters parameters = ReadParameters(reader);
        request = request with { Query = query, QueryFlags = parameters.Flags, Keyspace = parameters.Keyspace, NowInSeconds = parameters.Now, PageSize = parameters.PageSize };
        _server.Record(request);
        if (await InterceptedAsync(request, stream))
        {
            return;
        }

        AnalyzedStatement analyzed = Engine.Analyze(Cql.Parse(query), parameters.Keyspace ?? _keyspace, _server.Resolve);
        ModelResult result = Engine.Execute(analyzed, Ordered(analyzed, parameters), parameters.PageSize, parameters.PagingState, _server.Data);
        await AfterAsync(result);
        await ReplyAsync(stream, Opcodes.Result, Responses.Result(result, _version, parameters.SkipMetadata, null));
    }

    private async Task AfterAsync(ModelResult result)
    {
        if (result is SetKeyspaceResult use)
        {
            _keyspace = use.Keyspace;
        }
        else if (result is SchemaChangeResult { Target: "TABLE" } change)
        {
            _server.EvictPrepared(change.Keyspace, change.Name!);
            await _server.PushSchemaChangeAsync(change);
        }
    }

    private async Task PrepareAsync(ModelRequest request, short stream, WireReader reader)
    {
        string query = reader.ReadLongString();
        int flags = 0;
        string? keyspace = null;
        if (_version >= 5)
        {
            // v5 §4.1.5: [int] flags; 0x01 With keyspace.
            flags = reader.ReadInt();
            if ((flags & 0x01) != 0)
            {
                keyspace = reader.ReadString();
            }
        }

        request = request with { Query = query, QueryFlags = flags, Keyspace = keyspace };
        _server.Record(request);
        if (await InterceptedAsync(request, stream))
        {
            return;
        }

        string? context = keyspace ?? _keyspace;
        AnalyzedStatement analyzed = Engine.Analyze(Cql.Parse(query), context, _server.Resolve);
        byte[] id = _server.StorePrepared(query, context);
        await ReplyAsync(stream, Opcodes.Result, Responses.Prepared(id, analyzed, _version));
    }

    private async Task ExecuteAsync(ModelRequest request, short stream, WireReader reader)
    {
        byte[] id = reader.ReadShortBytes();
        byte[]? metadataId = _version >= 5 ? reader.ReadShortBytes() : null;
        Parameters parameters = ReadParameters(reader);
        request = request with { PreparedId = id, ResultMetadataId = metadataId, QueryFlags = parameters.Flags, Keyspace = parameters.Keyspace, NowInSeconds = parameters.Now, PageSize = parameters.PageSize };
        if (_server.FindPrepared(id) is not { } prepared)
        {
            _server.Record(request);
            await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.Unprepared,
                $"Prepared query with ID {Convert.ToHexString(id).ToLowerInvariant()} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)",
                new WireWriter().ShortBytes(id).ToArray()));
            return;
        }

        request = request with { Query = prepared.Query };
        _server.Record(request);
        if (await InterceptedAsync(request, stream))
        {
            return;
        }

        // Analysed again: the table may have changed since PREPARE (the result metadata id then differs).
        AnalyzedStatement analyzed = Engine.Analyze(Cql.Parse(prepared.Query), prepared.Keyspace, _server.Resolve);
        ModelResult result = Engine.Execute(analyzed, Ordered(analyzed, parameters), parameters.PageSize, parameters.PagingState, _server.Data);
        await AfterAsync(result);
        await ReplyAsync(stream, Opcodes.Result, Responses.Result(result, _version, parameters.SkipMetadata, metadataId));
    }

    private async Task BatchAsync(ModelRequest request, short stream, WireReader reader)
    {
        reader.ReadByte(); // type: logged, unlogged, counter
        int n = reader.ReadShort();
        var statements = new List<(string Query, string? Keyspace, List<byte[]?> Values)>();
        for (int i = 0; i < n; i++)
        {
            byte kind = reader.ReadByte();
            string query;
            string? keyspace = null;
            if (kind == 0)
            {
                query = reader.ReadLongString();
            }
            else
            {
                byte[] id = reader.ReadShortBytes();
                if (_server.FindPrepared(id) is not { } prepared)
                {
                    _server.Record(request);
                    await ReplyAsync(stream, Opcodes.Error, Responses.Error(ErrorCodes.Unprepared, $"Prepared query with ID {Convert.ToHexString(id).ToLowerInvariant()} not found", new WireWriter().ShortBytes(id).ToArray()));
                    return;
                }

                (query, keyspace) = prepared;
            }

            int count = reader.ReadShort();
            var values = new List<byte[]?>();
            for (int v = 0; v < count; v++)
            {
                values.Add(_version >= 4 ? reader.ReadValue() : reader.ReadBytes());
            }

            statements.Add((query, keyspace, values));
        }

        reader.ReadShort(); // consistency
        int flags = _version >= 5 ? reader.ReadInt() : reader.ReadByte();
        if ((flags & 0x10) != 0)
        {
            reader.ReadShort();
        }

        if ((flags & 0x20) != 0)
        {
            reader.ReadLong();
        }

        string? batchKeyspace = _version >= 5 && (flags & 0x80) != 0 ? reader.ReadString() : null;
        int? now = _version >= 5 && (flags & 0x100) != 0 ? reader.ReadInt() : null;
        request = request with { Query = string.Join("; ", statements.Select(s => s.Query)), QueryFlags = flags, Keyspace = batchKeyspace, NowInSeconds = now };
        _server.Record(request);
        if (await InterceptedAsync(request, stream))
        {
            return;
        }

        foreach ((string query, string? keyspace, List<byte[]?> values) in statements)
        {
            AnalyzedStatement analyzed = Engine.Analyze(Cql.Parse(query), keyspace ?? batchKeyspace ?? _keyspace, _server.Resolve);
            if (analyzed.Statement is not InsertStatement)
            {
                throw new ModelQueryException(ErrorCodes.Invalid, "Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.");
            }

            Engine.Execute(analyzed, values, 0, null, _server.Data);
        }

        await ReplyAsync(stream, Opcodes.Result, Responses.Result(new VoidResult(), _version, false, null));
    }

    private async Task<bool> InterceptedAsync(ModelRequest request, short stream)
    {
        if (Options.Intercept?.Invoke(request) is not { } error)
        {
            return false;
        }

        await ReplyAsync(stream, Opcodes.Error, Responses.Error(error.Code, error.Message, error.Extra));
        return true;
    }

    public async Task PushEventAsync(string type, byte[] body)
    {
        lock (_events)
        {
            if (!_events.Contains(type))
            {
                return;
            }
        }

        await ReplyAsync(-1, Opcodes.Event, body);
    }

    /// <summary>A response envelope in the connection's version, compressed (v3/v4 bodies) or framed (v5) as agreed.</summary>
    private Task ReplyAsync(short stream, byte opcode, byte[] body)
    {
        int flags = 0;
        if (_lz4 && _version < 5 && body.Length > 0)
        {
            byte[] block = new byte[LZ4Codec.MaximumOutputSize(body.Length)];
            int encoded = LZ4Codec.Encode(body, block);
            body = new WireWriter().Int(body.Length).Raw(block.AsSpan(0, encoded)).ToArray();
            flags |= 0x01;
        }

        byte[] envelope = Responses.Envelope(_version == 0 ? Options.Versions.Max() : _version, flags, stream, opcode, body);
        if (!_framed)
        {
            return SendRawAsync(envelope);
        }

        byte[] segments = Segments.Encode([envelope], _lz4);
        if (stream >= 0 && _server.TakeCorruption())
        {
            // A payload byte: the header's CRC24 still holds, the payload's CRC32 does not (v5 §2.1).
            segments[(_lz4 ? 8 : 6) + 1] ^= 0x40;
        }

        return SendRawAsync(segments);
    }

    private async Task SendRawAsync(byte[] bytes)
    {
        await _write.WaitAsync();
        try
        {
            if (Volatile.Read(ref _closed) == 0)
            {
                await _stream.WriteAsync(bytes);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _write.Release();
        }
    }
}
