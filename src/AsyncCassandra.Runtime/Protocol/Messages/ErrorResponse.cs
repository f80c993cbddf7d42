namespace AsyncCassandra.Protocol.Messages;

/// <summary>ERROR (spec §4.2.1; codes and extra fields v3/v4 §9, v5 §8): an [int] code, a [string] message, then code-specific fields.</summary>
internal static class ErrorResponse
{
    public const int ServerError = 0x0000;
    public const int ProtocolError = 0x000A;
    public const int BadCredentials = 0x0100;
    public const int Unavailable = 0x1000;
    public const int Overloaded = 0x1001;
    public const int IsBootstrapping = 0x1002;
    public const int TruncateError = 0x1003;
    public const int WriteTimeout = 0x1100;
    public const int ReadTimeout = 0x1200;
    public const int ReadFailure = 0x1300;
    public const int FunctionFailure = 0x1400;
    public const int WriteFailure = 0x1500;
    public const int CdcWriteFailure = 0x1600;
    public const int CasWriteUnknown = 0x1700;
    public const int SyntaxError = 0x2000;
    public const int Unauthorized = 0x2100;
    public const int Invalid = 0x2200;
    public const int ConfigError = 0x2300;
    public const int AlreadyExists = 0x2400;
    public const int Unprepared = 0x2500;

    public static CassandraException Read(ref CqlReader reader, byte version, string host)
    {
        int code = reader.ReadInt();
        string message = reader.ReadString();
        CassandraException exception = Create(ref reader, version, code, message, host);
        return exception;
    }

    private static CassandraException Create(ref CqlReader reader, byte version, int code, string message, string host)
    {
        switch (code)
        {
            case ServerError:
                return new ServerErrorException($"Server error on {host}: {message}") { ErrorCode = code, Host = host };
            case ProtocolError:
                return new ProtocolException($"{host} reported a protocol error: {message}") { ErrorCode = code, Host = host };
            case BadCredentials:
                return new AuthenticationException($"{host} rejected the credentials: {message}. Check CassandraOptions.Credentials.") { ErrorCode = code, Host = host };
            case Unavailable:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int required = reader.ReadInt();
                    int alive = reader.ReadInt();
                    return new UnavailableException($"Not enough replicas for consistency {cl}: {required} required, {alive} alive ({host}: {message}).", cl, required, alive) { ErrorCode = code, Host = host };
                }

            case Overloaded:
                return new OverloadedException($"{host} is overloaded: {message}") { ErrorCode = code, Host = host };
            case IsBootstrapping:
                return new IsBootstrappingException($"{host} is bootstrapping: {message}") { ErrorCode = code, Host = host };
            case TruncateError:
                return new TruncateException($"Truncate failed on {host}: {message}") { ErrorCode = code, Host = host };
            case WriteTimeout:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    string writeType = reader.ReadString();
                    if (version >= 5 && writeType == "CAS" && reader.Remaining >= 2)
                    {
                        reader.ReadShort(); // <contentions> (v5 §8)
                    }

                    return new WriteTimeoutException($"Write timed out on the server at consistency {cl}: {received} of {blockFor} replicas acknowledged ({writeType} write; {host}: {message}).", cl, received, blockFor, writeType) { ErrorCode = code, Host = host };
                }

            case ReadTimeout:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    bool dataPresent = reader.ReadByte() != 0;
                    return new ReadTimeoutException($"Read timed out on the server at consistency {cl}: {received} of {blockFor} replicas answered, data {(dataPresent ? "present" : "missing")} ({host}: {message}).", cl, received, blockFor, dataPresent) { ErrorCode = code, Host = host };
                }

            case ReadFailure or WriteFailure:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    int failures = ReadFailures(ref reader, version);
                    string what = code == ReadFailure ? "Read" : "Write";
                    if (code == ReadFailure)
                    {
                        reader.ReadByte(); // <data_present>
                    }
                    else
                    {
                        reader.ReadString(); // <write_type>
                    }

                    return new RequestFailureException($"{what} failed on {failures} replica(s) at consistency {cl}: {received} of {blockFor} answered ({host}: {message}).", cl, received, blockFor, failures) { ErrorCode = code, Host = host };
                }

            case FunctionFailure:
                {
                    string keyspace = reader.ReadString();
                    string function = reader.ReadString();
                    List<string> argTypes = reader.ReadStringList();
                    return new RequestFailureException($"Function {keyspace}.{function}({string.Join(", ", argTypes)}) failed on {host}: {message}", null, 0, 0, 1) { ErrorCode = code, Host = host };
                }

            case CdcWriteFailure:
                return new CdcWriteFailureException($"CDC write failed on {host}: {message}") { ErrorCode = code, Host = host };
            case CasWriteUnknown:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    return new CasWriteUnknownException($"Lightweight transaction outcome unknown at consistency {cl}: {received} of {blockFor} ({host}: {message}).") { ErrorCode = code, Host = host };
                }

            case SyntaxError:
                return new SyntaxErrorException($"CQL syntax error: {message}") { ErrorCode = code, Host = host };
            case Unauthorized:
                return new UnauthorizedException($"Unauthorized: {message}") { ErrorCode = code, Host = host };
            case Invalid:
                return new InvalidQueryException($"Invalid query: {message}") { ErrorCode = code, Host = host };
            case ConfigError:
                return new InvalidConfigurationInQueryException($"Configuration error: {message}") { ErrorCode = code, Host = host };
            case AlreadyExists:
                {
                    string keyspace = reader.ReadString();
                    string table = reader.ReadString();
                    return new AlreadyExistsException($"Already exists: {message}", keyspace, table) { ErrorCode = code, Host = host };
                }

            case Unprepared:
                {
                    byte[] id = reader.ReadShortBytes();
                    return new UnpreparedException($"{host} does not know prepared statement {Convert.ToHexString(id)}: {message}", id) { ErrorCode = code, Host = host };
                }

            default:
                return new CassandraException($"{host} returned error 0x{code:X4}: {message}") { ErrorCode = code, Host = host };
        }
    }

    private static int ReadFailures(ref CqlReader reader, byte version)
    {
        if (version < 5)
        {
            return reader.ReadInt(); // <numfailures> (v4 §9)
        }

        int count = reader.ReadInt(); // <reasonmap> (v5 §8): n pairs of <endpoint><failurecode>
        for (int i = 0; i < count; i++)
        {
            reader.ReadInetAddr();
            reader.ReadShort();
        }

        return count;
    }
}
