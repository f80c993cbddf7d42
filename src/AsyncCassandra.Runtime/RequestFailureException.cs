using System.Net;

namespace AsyncCassandra;

/// <summary>
/// Replicas failed (not timed out) while running a request, protocol v4+: the base of <see cref="ReadFailureException"/>
/// (0x1300), <see cref="WriteFailureException"/> (0x1500) and <see cref="FunctionFailureException"/> (0x1400). Catch
/// it to handle any of them.
/// </summary>
public abstract class RequestFailureException : CassandraException
{
    private static readonly IReadOnlyDictionary<IPAddress, int> NoReasons = new Dictionary<IPAddress, int>();

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where.</param>
    /// <param name="consistency">The consistency level of the request, when the error carries one.</param>
    /// <param name="received">How many replicas answered.</param>
    /// <param name="blockFor">How many answers were needed.</param>
    /// <param name="failures">How many replicas failed.</param>
    /// <param name="reasons">Protocol v5: the failure code of each replica that failed; null or empty before.</param>
    protected RequestFailureException(string message, ConsistencyLevel? consistency, int received, int blockFor, int failures, IReadOnlyDictionary<IPAddress, int>? reasons)
        : base(message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        Reasons = reasons ?? NoReasons;
    }

    /// <summary>The consistency level of the failed request, when the error carries one.</summary>
    public ConsistencyLevel? Consistency { get; }

    /// <summary>How many replicas answered.</summary>
    public int Received { get; }

    /// <summary>How many answers were needed.</summary>
    public int BlockFor { get; }

    /// <summary>How many replicas failed (v3/v4 &lt;numfailures&gt;; on v5 the size of <see cref="Reasons"/>).</summary>
    public int Failures { get; }

    /// <summary>
    /// Protocol v5 (§8 &lt;reasonmap&gt;): each replica that failed, by address, with the server's failure code
    /// (Cassandra's RequestFailureReason: 0x0000 unknown, 0x0001 too many tombstones read, ...). Empty before v5.
    /// </summary>
    public IReadOnlyDictionary<IPAddress, int> Reasons { get; }
}

/// <summary>Replicas failed (not timed out) while running a read (0x1300, protocol v4+), e.g. on too many tombstones.</summary>
public sealed class ReadFailureException : RequestFailureException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where.</param>
    /// <param name="consistency">The consistency level of the request.</param>
    /// <param name="received">How many replicas answered.</param>
    /// <param name="blockFor">How many answers were needed.</param>
    /// <param name="failures">How many replicas failed.</param>
    /// <param name="reasons">Protocol v5: the failure code of each replica that failed.</param>
    /// <param name="dataPresent">Whether the replica asked for the data answered.</param>
    public ReadFailureException(string message, ConsistencyLevel consistency, int received, int blockFor, int failures, IReadOnlyDictionary<IPAddress, int>? reasons, bool dataPresent)
        : base(message, consistency, received, blockFor, failures, reasons)
    {
        DataPresent = dataPresent;
    }

    /// <summary>Whether the replica asked for the data answered.</summary>
    public bool DataPresent { get; }
}

/// <summary>Replicas failed (not timed out) while running a write (0x1500, protocol v4+). The write may have been applied on some replicas.</summary>
public sealed class WriteFailureException : RequestFailureException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where.</param>
    /// <param name="consistency">The consistency level of the request.</param>
    /// <param name="received">How many replicas acknowledged.</param>
    /// <param name="blockFor">How many acknowledgements were needed.</param>
    /// <param name="failures">How many replicas failed.</param>
    /// <param name="reasons">Protocol v5: the failure code of each replica that failed.</param>
    /// <param name="writeType">SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</param>
    public WriteFailureException(string message, ConsistencyLevel consistency, int received, int blockFor, int failures, IReadOnlyDictionary<IPAddress, int>? reasons, string writeType)
        : base(message, consistency, received, blockFor, failures, reasons)
    {
        WriteType = writeType;
    }

    /// <summary>SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</summary>
    public string WriteType { get; }
}

/// <summary>A user-defined function failed while running (0x1400, protocol v4+). Running it again gives the same failure, so it is never retried.</summary>
public sealed class FunctionFailureException : RequestFailureException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where.</param>
    /// <param name="keyspace">The keyspace of the function.</param>
    /// <param name="function">The function's name.</param>
    /// <param name="argumentTypes">The CQL type of each of its arguments, which tells overloads apart.</param>
    public FunctionFailureException(string message, string keyspace, string function, IReadOnlyList<string> argumentTypes)
        : base(message, null, 0, 0, 1, null)
    {
        Keyspace = keyspace;
        Function = function;
        ArgumentTypes = argumentTypes;
    }

    /// <summary>The keyspace of the function.</summary>
    public string Keyspace { get; }

    /// <summary>The function's name.</summary>
    public string Function { get; }

    /// <summary>The CQL type of each of its arguments (as the server names them, e.g. "int", "text"): which overload failed.</summary>
    public IReadOnlyList<string> ArgumentTypes { get; }
}
