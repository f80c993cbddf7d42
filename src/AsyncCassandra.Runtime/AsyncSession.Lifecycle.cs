namespace AsyncCassandra;

public sealed partial class AsyncSession
{
    private int _inFlight;
    private volatile bool _draining;
    private TaskCompletionSource? _drained;

    /// <summary>Requests of this session that have started and not completed (pages of a running stream included).</summary>
    internal int InFlightRequests => Volatile.Read(ref _inFlight);

    /// <summary>True once <see cref="DrainAsync"/> began: new calls are refused.</summary>
    internal bool IsDraining => _draining;

    /// <summary>Connects the cluster and this session now (a hosted application's start-up) instead of on first use.</summary>
    internal async Task ConnectNowAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _core.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    internal void EnterRequest() => Interlocked.Increment(ref _inFlight);

    internal void ExitRequest()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    /// <summary>
    /// Refuses new calls from now on (they throw <see cref="ObjectDisposedException"/>) and waits until the requests
    /// in flight complete, or <paramref name="timeout"/> passes, or <paramref name="cancellationToken"/> fires.
    /// Returns the number of requests still in flight when it stopped waiting (0 when all completed).
    /// </summary>
    internal async Task<int> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        _draining = true;
        if (InFlightRequests == 0)
        {
            return 0;
        }

        try
        {
            await drained.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return InFlightRequests;
    }
}
