namespace AsyncCassandra;

/// <summary>The coordinator is still bootstrapping and cannot serve reads (0x1002); the request is retried on another node.</summary>
public class IsBootstrappingException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public IsBootstrappingException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public IsBootstrappingException(string message, Exception? innerException) : base(message, innerException) { }
}
