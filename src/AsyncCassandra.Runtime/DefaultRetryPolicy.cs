namespace AsyncCassandra;

/// <summary>
/// The default policy: retry only where it is safe and likely to help. Non-idempotent statements (writes not marked
/// idempotent) are retried only when the server certainly did not apply them.
/// <list type="bullet">
/// <item>Read timeout: once on the same node when enough replicas answered but the data replica did not.</item>
/// <item>Write timeout: once on the same node for a BATCH_LOG timeout of an idempotent statement.</item>
/// <item>Unavailable: once on the next node (another coordinator may see more replicas).</item>
/// <item>Overloaded, bootstrapping, server error, lost connection: the next node, for idempotent statements; overloaded and bootstrapping nodes did not run the request, so those move on for any statement.</item>
/// </list>
/// </summary>
public sealed class DefaultRetryPolicy : IRetryPolicy
{
    /// <summary>Most attempts for one request across nodes. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <inheritdoc />
    public RetryDecision Decide(in RetryContext context)
    {
        if (context.Attempt + 1 >= MaxAttempts)
        {
            return RetryDecision.Rethrow;
        }

        return context.Error switch
        {
            ReadTimeoutException rt => context.Attempt == 0 && rt.Received >= rt.BlockFor && !rt.DataPresent ? RetryDecision.RetrySameHost : RetryDecision.Rethrow,
            WriteTimeoutException wt => context.Attempt == 0 && context.IsIdempotent && wt.WriteType == "BATCH_LOG" ? RetryDecision.RetrySameHost : RetryDecision.Rethrow,
            UnavailableException => context.Attempt == 0 ? RetryDecision.RetryNextHost : RetryDecision.Rethrow,
            OverloadedException or IsBootstrappingException => RetryDecision.RetryNextHost,
            FunctionFailureException => RetryDecision.Rethrow, // the function fails the same way everywhere
            ServerErrorException or ConnectionException or RequestFailureException when context.IsIdempotent => RetryDecision.RetryNextHost,
            _ => RetryDecision.Rethrow,
        };
    }
}
