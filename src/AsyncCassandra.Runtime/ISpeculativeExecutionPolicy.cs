namespace AsyncCassandra;

/// <summary>
/// Decides when an idempotent request that has not answered yet also starts on the next node of its plan, so that
/// one slow node (a GC pause, a busy disk) does not make the request slow. The first answer wins; the other
/// executions are cancelled. Statements that are not idempotent never speculate.
/// </summary>
public interface ISpeculativeExecutionPolicy
{
    /// <summary>
    /// How long to wait for the <paramref name="executionsStarted"/> executions started so far before starting one
    /// more; null starts no more.
    /// </summary>
    /// <param name="statement">The statement being run.</param>
    /// <param name="executionsStarted">1 while only the first execution runs, 2 after the first speculative one, ...</param>
    TimeSpan? NextExecutionDelay(Statement statement, int executionsStarted);
}

/// <summary>Starts up to <see cref="MaxSpeculativeExecutions"/> extra executions, one every <see cref="Delay"/>.</summary>
public sealed class ConstantSpeculativeExecutionPolicy : ISpeculativeExecutionPolicy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="delay">How long an execution may go unanswered before the next starts; above zero. A value near the p99 latency of the statements costs about 1 % extra requests.</param>
    /// <param name="maxSpeculativeExecutions">Extra executions at most per request; 1 or more.</param>
    public ConstantSpeculativeExecutionPolicy(TimeSpan delay, int maxSpeculativeExecutions = 1)
    {
        if (delay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay before a speculative execution must be above zero.");
        }

        if (maxSpeculativeExecutions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSpeculativeExecutions), maxSpeculativeExecutions, "Give at least 1 speculative execution, or set CassandraOptions.SpeculativeExecutionPolicy to null to turn speculation off.");
        }

        Delay = delay;
        MaxSpeculativeExecutions = maxSpeculativeExecutions;
    }

    /// <summary>The wait before each extra execution.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Extra executions at most per request.</summary>
    public int MaxSpeculativeExecutions { get; }

    /// <inheritdoc />
    public TimeSpan? NextExecutionDelay(Statement statement, int executionsStarted) =>
        executionsStarted <= MaxSpeculativeExecutions ? Delay : null;
}
