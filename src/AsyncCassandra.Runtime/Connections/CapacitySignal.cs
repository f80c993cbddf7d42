namespace AsyncCassandra.Connections;

/// <summary>
/// Wakes requests that wait for a free stream id (every connection to the nodes of their plan busy): a connection pulses
/// it when it frees an id, at the cost of one volatile read while nobody waits. Shared by the connections of a cluster.
/// </summary>
internal sealed class CapacitySignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;

    /// <summary>
    /// Joins the waiters; the task completes at the next <see cref="Pulse"/>. Register before checking for capacity, so
    /// that an id freed between the check and the wait is not missed.
    /// </summary>
    public Task Register()
    {
        Interlocked.Increment(ref _waiters);
        return Volatile.Read(ref _next).Task;
    }

    public void Unregister() => Interlocked.Decrement(ref _waiters);

    /// <summary>A stream id was freed: wake every waiter (each tries again; those that lose wait again).</summary>
    public void Pulse()
    {
        if (Volatile.Read(ref _waiters) == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
