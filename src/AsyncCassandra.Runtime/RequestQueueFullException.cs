namespace AsyncCassandra;

/// <summary>
/// A request found the session at its limits (every stream id of every connection to the nodes of its plan in use, or
/// <see cref="CassandraOptions.MaxConcurrentRequests"/> reached) and the queue of requests waiting for room already held
/// <see cref="CassandraOptions.MaxQueuedRequests"/>. The request was not sent; it may be retried later.
/// </summary>
public sealed class RequestQueueFullException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was full and what to do.</param>
    /// <param name="queueSize">The queue's size (<see cref="CassandraOptions.MaxQueuedRequests"/>).</param>
    public RequestQueueFullException(string message, int queueSize)
        : base(message)
    {
        QueueSize = queueSize;
    }

    /// <summary>The queue's size (<see cref="CassandraOptions.MaxQueuedRequests"/>) when the request was refused.</summary>
    public int QueueSize { get; }
}
