namespace AsyncCassandra;

/// <summary>The server rejected the credentials (0x0100), or it asked for an authenticator the client cannot satisfy. Check CassandraOptions.Credentials.</summary>
public class AuthenticationException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public AuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public AuthenticationException(string message, Exception? innerException) : base(message, innerException) { }
}
