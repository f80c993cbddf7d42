namespace AsyncCassandra;

/// <summary>The coordinator is overloaded (0x1001). The request may be retried on another node.</summary>
public class OverloadedException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public OverloadedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public OverloadedException(string message, Exception? innerException) : base(message, innerException) { }
}
