namespace AsyncCassandra;

/// <summary>A TRUNCATE failed on the server (0x1003).</summary>
public class TruncateException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public TruncateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public TruncateException(string message, Exception? innerException) : base(message, innerException) { }
}
