namespace AsyncCassandra;

/// <summary>
/// A replica failed (not timed out) while running a read (0x1300), a write (0x1500) or a function (0x1400); protocol v4+.
/// </summary>
public class RequestFailureException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public RequestFailureException(string message, ConsistencyLevel? consistency, int received, int blockFor, int failures) : base(message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
    }

    /// <summary>The consistency level of the failed request, when the error carries one.</summary>
    public ConsistencyLevel? Consistency { get; }

    /// <summary>How many replicas answered.</summary>
    public int Received { get; }

    /// <summary>How many answers were needed.</summary>
    public int BlockFor { get; }

    /// <summary>How many replicas failed.</summary>
    public int Failures { get; }
}
