namespace AsyncCassandra;

/// <summary>A connection to a node failed or closed while a request was in flight. Requests marked idempotent are retried on another connection; others surface this error, since the server may or may not have applied them.</summary>
public class ConnectionException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public ConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
