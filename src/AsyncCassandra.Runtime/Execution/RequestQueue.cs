using AsyncCassandra.Connections;

namespace AsyncCassandra.Execution;

/// <summary>
/// Back-pressure of one session. Requests past <see cref="CassandraOptions.MaxConcurrentRequests"/>, and requests that
/// find every stream id of every connection to the nodes of their plan in use, wait here until a slot frees or their
/// deadline passes; at most <see cref="CassandraOptions.MaxQueuedRequests"/> wait at once, and one more fails at once
/// with <see cref="RequestQueueFullException"/> instead of queueing without bound.
/// </summary>
internal sealed class RequestQueue
{
    private readonly SemaphoreSlim? _limiter;
    private readonly int _maxConcurrent;
    private readonly int _maxQueued;
    private readonly CapacitySignal _capacity;
    private int _queued;

    public RequestQueue(CassandraOptions options, CapacitySignal capacity)
    {
        _maxQueued = options.MaxQueuedRequests;
        _capacity = capacity;
        if (options.MaxConcurrentRequests is { } max)
        {
            _maxConcurrent = max;
            _limiter = new SemaphoreSlim(max, max);
        }
    }

    /// <summary>Requests waiting now (for the limiter or for a stream id).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Requests holding a slot of the limiter now (0 without a limit).</summary>
    public int Active => _limiter is null ? 0 : _maxConcurrent - _limiter.CurrentCount;

    /// <summary>Whether <see cref="CassandraOptions.MaxConcurrentRequests"/> is set: callers then pair <see cref="EnterAsync"/> with <see cref="Exit"/>.</summary>
    public bool Limited => _limiter is not null;

    /// <summary>Takes a slot of the concurrency limit, waiting in the queue when none is free.</summary>
    public ValueTask EnterAsync(long deadlineTicks, CancellationToken cancellationToken)
    {
        if (_limiter is null || _limiter.Wait(0, CancellationToken.None))
        {
            return ValueTask.CompletedTask;
        }

        return WaitForSlotAsync(_limiter, deadlineTicks, cancellationToken);
    }

    private async ValueTask WaitForSlotAsync(SemaphoreSlim limiter, long deadlineTicks, CancellationToken cancellationToken)
    {
        Join("a slot of MaxConcurrentRequests");
        try
        {
            long wait = deadlineTicks - Environment.TickCount64;
            if (wait <= 0 || !await limiter.WaitAsync(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false))
            {
                throw new RequestTimedOutException();
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Gives back the slot taken by <see cref="EnterAsync"/>.</summary>
    public void Exit() => _limiter?.Release();

    /// <summary>
    /// Waits until a stream id may be free (<paramref name="hasCapacity"/> says so, or a connection frees one) or the
    /// deadline passes (<see cref="RequestTimedOutException"/>).
    /// </summary>
    public async Task WaitForStreamIdAsync(Func<bool> hasCapacity, long deadlineTicks, CancellationToken cancellationToken)
    {
        Join("a free stream id");
        try
        {
            Task freed = _capacity.Register();
            try
            {
                if (hasCapacity())
                {
                    return;
                }

                long wait = deadlineTicks - Environment.TickCount64;
                if (wait <= 0)
                {
                    throw new RequestTimedOutException();
                }

                try
                {
                    await freed.WaitAsync(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw new RequestTimedOutException();
                }
            }
            finally
            {
                _capacity.Unregister();
            }
        }
        finally
        {
            Leave();
        }
    }

    private void Join(string waitingFor)
    {
        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw new RequestQueueFullException(
                $"The session's request queue is full: {_maxQueued} request(s) already wait for {waitingFor} (CassandraOptions.MaxQueuedRequests). " +
                "The nodes or the connections cannot keep up with the rate of requests: slow down, or raise MaxQueuedRequests, MaxConcurrentRequests, " +
                "MaxRequestsPerConnection or ConnectionsPerHost.", _maxQueued);
        }
    }

    private void Leave() => Interlocked.Decrement(ref _queued);
}
