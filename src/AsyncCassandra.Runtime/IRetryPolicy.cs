namespace AsyncCassandra;

/// <summary>What to do after a request failed.</summary>
public enum RetryDecision
{
    /// <summary>Give the error to the caller.</summary>
    Rethrow,
    /// <summary>Try again on the same node.</summary>
    RetrySameHost,
    /// <summary>Try the next node of the query plan.</summary>
    RetryNextHost,
}

/// <summary>One failed attempt, as a retry policy sees it.</summary>
/// <param name="Statement">The statement that failed.</param>
/// <param name="Error">The error of this attempt.</param>
/// <param name="Attempt">0 for the first attempt, 1 for the first retry, ...</param>
/// <param name="IsIdempotent">Whether the statement may safely run twice.</param>
public readonly record struct RetryContext(Statement Statement, CassandraException Error, int Attempt, bool IsIdempotent);

/// <summary>Decides whether a failed request is retried, and where. Policies are small and pure: test them with scripted errors.</summary>
public interface IRetryPolicy
{
    /// <summary>The decision for one failed attempt.</summary>
    RetryDecision Decide(in RetryContext context);
}
