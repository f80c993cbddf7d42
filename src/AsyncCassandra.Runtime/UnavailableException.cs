namespace AsyncCassandra;

/// <summary>Not enough replicas were alive to satisfy the consistency level (0x1000).</summary>
public class UnavailableException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public UnavailableException(string message, ConsistencyLevel consistency, int required, int alive) : base(message)
    {
        Consistency = consistency;
        Required = required;
        Alive = alive;
    }

    /// <summary>The consistency level of the failed request.</summary>
    public ConsistencyLevel Consistency { get; }

    /// <summary>How many replicas the consistency level required.</summary>
    public int Required { get; }

    /// <summary>How many replicas were known to be alive.</summary>
    public int Alive { get; }
}
