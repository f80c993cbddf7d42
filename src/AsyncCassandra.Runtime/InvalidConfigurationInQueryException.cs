namespace AsyncCassandra;

/// <summary>The statement conflicts with the server configuration (0x2300), e.g. an unknown replication strategy.</summary>
public class InvalidConfigurationInQueryException : InvalidQueryException
{
    /// <summary>Creates the exception with a message.</summary>
    public InvalidConfigurationInQueryException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InvalidConfigurationInQueryException(string message, Exception? innerException) : base(message, innerException) { }
}
