namespace AsyncCassandra;

/// <summary>The logged-in user lacks a permission the statement needs (0x2100).</summary>
public class UnauthorizedException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public UnauthorizedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public UnauthorizedException(string message, Exception? innerException) : base(message, innerException) { }
}
