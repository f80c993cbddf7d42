namespace AsyncCassandra.Connections;

/// <summary>
/// A request passed its deadline (found by the connection's sweep). Internal: the session turns it into a
/// <see cref="TimeoutException"/> that names the statement and the timeout. Timeouts are rare, so each
/// gets its own instance (a shared thrown instance would race on its stack trace).
/// </summary>
internal sealed class RequestTimedOutException : Exception
{
    public RequestTimedOutException()
        : base("The request passed its deadline.")
    {
    }

    /// <summary>The errors of the nodes tried before the deadline, by endpoint (for the caller's message).</summary>
    public Dictionary<string, Exception>? Errors { get; set; }
}
