namespace AsyncCassandra;

/// <summary>
/// The retry policy of the Python async-cassandra wrapper this library ports, for applications moving from it: more
/// retries than <see cref="DefaultRetryPolicy"/>, and writes retried only when the statement is marked idempotent.
/// Every retry runs the statement unchanged: never at a lower consistency level.
/// <list type="bullet">
/// <item>Read timeout: on the same node, when the replica asked for the data answered or enough replicas answered.</item>
/// <item>Write timeout: on the same node, for a statement marked idempotent whose write type is SIMPLE, BATCH or
/// UNLOGGED_BATCH; never for others (COUNTER, BATCH_LOG, CAS, VIEW, CDC) nor for a statement not marked idempotent.</item>
/// <item>Unavailable: first on the next node, then on the same node (the coordinator did not run the write, so any
/// statement may go again).</item>
/// <item>Overloaded, bootstrapping: the next node, for any statement (the node did not run it).</item>
/// <item>Server error, lost connection, read or write failure: the next node, for idempotent statements only.</item>
/// <item>Function failure, syntax, invalid query, unauthorized, ...: never.</item>
/// </list>
/// At most <see cref="MaxRetries"/> retries, so 1 + MaxRetries attempts. Choose it with
/// <c>CassandraOptions.RetryPolicy = new IdempotenceAwareRetryPolicy()</c>, or the configuration keys
/// <c>RetryPolicy = IdempotenceAware</c> and <c>MaxRetries</c>.
/// </summary>
public sealed class IdempotenceAwareRetryPolicy : IRetryPolicy
{
    private readonly int _maxRetries = 3;

    /// <summary>Most retries of one request (attempts after the first). Default 3; 0 retries nothing.</summary>
    public int MaxRetries
    {
        get => _maxRetries;
        init => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRetries), value, "IdempotenceAwareRetryPolicy.MaxRetries must be 0 or more.");
    }

    /// <inheritdoc />
    public RetryDecision Decide(in RetryContext context)
    {
        if (context.Attempt >= MaxRetries)
        {
            return RetryDecision.Rethrow;
        }

        return context.Error switch
        {
            ReadTimeoutException rt => rt.DataPresent || rt.Received >= rt.BlockFor ? RetryDecision.RetrySameHost : RetryDecision.Rethrow,
            WriteTimeoutException wt => context.IsIdempotent && wt.WriteType is "SIMPLE" or "BATCH" or "UNLOGGED_BATCH" ? RetryDecision.RetrySameHost : RetryDecision.Rethrow,
            UnavailableException => context.Attempt == 0 ? RetryDecision.RetryNextHost : RetryDecision.RetrySameHost,
            OverloadedException or IsBootstrappingException => RetryDecision.RetryNextHost,
            FunctionFailureException => RetryDecision.Rethrow,
            ServerErrorException or ConnectionException or RequestFailureException when context.IsIdempotent => RetryDecision.RetryNextHost,
            _ => RetryDecision.Rethrow,
        };
    }
}
