namespace AsyncCassandra;

/// <summary>Replicas did not answer a read in time on the server side (0x1200).</summary>
public class ReadTimeoutException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public ReadTimeoutException(string message, ConsistencyLevel consistency, int received, int blockFor, bool dataPresent) : base(message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        DataPresent = dataPresent;
    }

    /// <summary>The consistency level of the failed request.</summary>
    public ConsistencyLevel Consistency { get; }

    /// <summary>How many replicas answered.</summary>
    public int Received { get; }

    /// <summary>How many answers were needed.</summary>
    public int BlockFor { get; }

    /// <summary>Whether the replica asked for the data answered.</summary>
    public bool DataPresent { get; }
}
