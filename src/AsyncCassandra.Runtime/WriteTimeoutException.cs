namespace AsyncCassandra;

/// <summary>Replicas did not acknowledge a write in time on the server side (0x1100). The write may or may not have been applied.</summary>
public class WriteTimeoutException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public WriteTimeoutException(string message, ConsistencyLevel consistency, int received, int blockFor, string writeType) : base(message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        WriteType = writeType;
    }

    /// <summary>The consistency level of the failed request.</summary>
    public ConsistencyLevel Consistency { get; }

    /// <summary>How many replicas acknowledged.</summary>
    public int Received { get; }

    /// <summary>How many acknowledgements were needed.</summary>
    public int BlockFor { get; }

    /// <summary>SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</summary>
    public string WriteType { get; }
}
