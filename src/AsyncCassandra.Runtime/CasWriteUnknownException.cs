namespace AsyncCassandra;

/// <summary>A lightweight-transaction write was only partially completed (0x1700): it may or may not be applied later.</summary>
public class CasWriteUnknownException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public CasWriteUnknownException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CasWriteUnknownException(string message, Exception? innerException) : base(message, innerException) { }
}
