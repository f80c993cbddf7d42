namespace AsyncCassandra;

/// <summary>A malformed or unexpected frame was received from a server, or the server reported a protocol error (0x000A). The connection that saw it is closed; other connections are unaffected.</summary>
public class ProtocolException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public ProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ProtocolException(string message, Exception? innerException) : base(message, innerException) { }
}
