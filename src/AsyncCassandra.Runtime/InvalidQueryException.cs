namespace AsyncCassandra;

/// <summary>The statement is syntactically valid but invalid (0x2200): an unknown table or column, a wrong value type, a missing keyspace.</summary>
public class InvalidQueryException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public InvalidQueryException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InvalidQueryException(string message, Exception? innerException) : base(message, innerException) { }
}
