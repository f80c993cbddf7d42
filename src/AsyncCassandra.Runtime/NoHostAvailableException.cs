namespace AsyncCassandra;

/// <summary>
/// No node could run the request: every node tried was down, unreachable, or failed with a retryable error.
/// <see cref="Errors"/> holds the last error seen for each node that was tried.
/// </summary>
public class NoHostAvailableException : CassandraException
{
    /// <summary>Creates the exception from the errors seen per node.</summary>
    public NoHostAvailableException(string message, IReadOnlyDictionary<string, Exception> errors)
        : base(message, errors.Count == 1 ? errors.Values.First() : null)
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public NoHostAvailableException(string message) : this(message, new Dictionary<string, Exception>()) { }

    /// <summary>The last error seen for each node tried, keyed by "host:port".</summary>
    public IReadOnlyDictionary<string, Exception> Errors { get; }
}
