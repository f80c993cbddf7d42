using System.Net;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// ERROR (spec §4.2.1; codes and their extra fields v3/v4 §9, v5 §8): an [int] code, a [string] message, then the
/// code's own fields. Data only: which exception a caller gets, with which advice, is decided by the layer that ran the
/// request.
/// </summary>
internal sealed class ErrorResponse
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

    public required int Code { get; init; }

    public required string Message { get; init; }

    /// <summary>&lt;cl&gt; of Unavailable, timeouts, failures and CAS_WRITE_UNKNOWN.</summary>
    public ConsistencyLevel Consistency { get; init; }

    /// <summary>&lt;required&gt; of Unavailable, &lt;blockfor&gt; of timeouts and failures.</summary>
    public int Required { get; init; }

    /// <summary>&lt;alive&gt; of Unavailable, &lt;received&gt; of timeouts and failures.</summary>
    public int Received { get; init; }

    /// <summary>&lt;data_present&gt; of READ_TIMEOUT and READ_FAILURE.</summary>
    public bool DataPresent { get; init; }

    /// <summary>&lt;writeType&gt; of WRITE_TIMEOUT and WRITE_FAILURE.</summary>
    public string? WriteType { get; init; }

    /// <summary>v5 &lt;contentions&gt; of a CAS WRITE_TIMEOUT.</summary>
    public int? Contentions { get; init; }

    /// <summary>&lt;numfailures&gt; (v3/v4), or the size of the v5 &lt;reasonmap&gt;.</summary>
    public int Failures { get; init; }

    /// <summary>v5 &lt;reasonmap&gt;: the failure code each replica reported.</summary>
    public IReadOnlyDictionary<IPAddress, int>? Reasons { get; init; }

    /// <summary>&lt;keyspace&gt; of ALREADY_EXISTS and FUNCTION_FAILURE.</summary>
    public string? Keyspace { get; init; }

    /// <summary>&lt;table&gt; of ALREADY_EXISTS (empty for a keyspace), &lt;function&gt; of FUNCTION_FAILURE.</summary>
    public string? Name { get; init; }

    /// <summary>&lt;arg_types&gt; of FUNCTION_FAILURE.</summary>
    public IReadOnlyList<string>? ArgumentTypes { get; init; }

    /// <summary>&lt;id&gt; of UNPREPARED.</summary>
    public byte[]? PreparedId { get; init; }

    public static ErrorResponse Read(ref CqlReader reader, byte version)
    {
        int code = reader.ReadInt();
        string message = reader.ReadString();
        switch (code)
        {
            case Unavailable:
                return new ErrorResponse { Code = code, Message = message, Consistency = reader.ReadConsistency(), Required = reader.ReadInt(), Received = reader.ReadInt() };
            case WriteTimeout:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    string writeType = reader.ReadString();
                    int? contentions = version >= 5 && writeType == "CAS" && reader.Remaining >= 2 ? reader.ReadShort() : null;
                    return new ErrorResponse { Code = code, Message = message, Consistency = cl, Received = received, Required = blockFor, WriteType = writeType, Contentions = contentions };
                }

            case ReadTimeout:
                return new ErrorResponse { Code = code, Message = message, Consistency = reader.ReadConsistency(), Received = reader.ReadInt(), Required = reader.ReadInt(), DataPresent = reader.ReadByte() != 0 };
            case ReadFailure or WriteFailure:
                {
                    ConsistencyLevel cl = reader.ReadConsistency();
                    int received = reader.ReadInt();
                    int blockFor = reader.ReadInt();
                    IReadOnlyDictionary<IPAddress, int>? reasons = version >= 5 ? ReadReasonMap(ref reader) : null;
                    int failures = reasons?.Count ?? reader.ReadInt();
                    bool dataPresent = code == ReadFailure && reader.ReadByte() != 0;
                    string? writeType = code == WriteFailure ? reader.ReadString() : null;
                    return new ErrorResponse { Code = code, Message = message, Consistency = cl, Received = received, Required = blockFor, Failures = failures, Reasons = reasons, DataPresent = dataPresent, WriteType = writeType };
                }

            case FunctionFailure:
                return new ErrorResponse { Code = code, Message = message, Keyspace = reader.ReadString(), Name = reader.ReadString(), ArgumentTypes = reader.ReadStringList() };
            case CasWriteUnknown:
                return new ErrorResponse { Code = code, Message = message, Consistency = reader.ReadConsistency(), Received = reader.ReadInt(), Required = reader.ReadInt() };
            case AlreadyExists:
                return new ErrorResponse { Code = code, Message = message, Keyspace = reader.ReadString(), Name = reader.ReadString() };
            case Unprepared:
                return new ErrorResponse { Code = code, Message = message, PreparedId = reader.ReadShortBytes() };
            default:
                return new ErrorResponse { Code = code, Message = message };
        }
    }

    /// <summary>v5 §8 &lt;reasonmap&gt;: an [int] n, then n pairs of &lt;endpoint&gt; ([inetaddr]) and &lt;failurecode&gt; ([short]).</summary>
    private static Dictionary<IPAddress, int> ReadReasonMap(ref CqlReader reader)
    {
        int count = reader.ReadInt();
        if (count < 0 || count > reader.Remaining / 6)
        {
            throw new ProtocolException($"Malformed failure reason map: {count} entries (v5 spec §8).");
        }

        var reasons = new Dictionary<IPAddress, int>(count);
        for (int i = 0; i < count; i++)
        {
            IPAddress endpoint = reader.ReadInetAddr();
            reasons[endpoint] = reader.ReadShort();
        }

        return reasons;
    }
}
