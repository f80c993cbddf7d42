namespace AsyncCassandra;

/// <summary>The server failed unexpectedly while running the request (0x0000): a server-side bug or crash.</summary>
public class ServerErrorException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public ServerErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ServerErrorException(string message, Exception? innerException) : base(message, innerException) { }
}
