namespace AsyncCassandra;

/// <summary>A write to a CDC-enabled table failed because CDC space is exhausted (0x1600).</summary>
public class CdcWriteFailureException : CassandraException
{
    /// <summary>Creates the exception with a message.</summary>
    public CdcWriteFailureException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CdcWriteFailureException(string message, Exception? innerException) : base(message, innerException) { }
}
