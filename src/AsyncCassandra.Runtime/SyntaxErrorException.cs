namespace AsyncCassandra;

/// <summary>The server could not parse the CQL statement (0x2000). The message names the token it did not expect.</summary>
public class SyntaxErrorException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public SyntaxErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public SyntaxErrorException(string message, Exception? innerException) : base(message, innerException) { }
}
