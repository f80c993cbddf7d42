namespace AsyncCassandra.Bulk;

/// <summary>A bulk operation could not go on: a range failed after its retries, a checkpoint belongs to another job, an input does not fit the table. The message says what to do.</summary>
public class BulkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BulkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BulkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
