namespace AsyncCassandra.Cluster;

/// <summary>
/// Coalesces a burst of server events into one refresh: the first signal schedules the work after a window, further
/// signals within it (or while the work runs) only ask for one more run. A flood of events costs one refresh per window,
/// never one per event. The work's failures are logged by the work itself; the debouncer only keeps going.
/// </summary>
internal sealed class EventDebouncer
{
    private readonly TimeSpan _window;
    private readonly Func<CancellationToken, Task> _work;
    private readonly CancellationToken _stop;
    private int _state; // 0 idle, 1 scheduled or running, 2 running with another run asked for

    public EventDebouncer(TimeSpan window, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        _window = window;
        _work = work;
        _stop = stop;
    }

    /// <summary>Runs of the work so far (tests).</summary>
    public int Runs { get; private set; }

    public void Signal()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == 0)
            {
                if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
                {
                    _ = RunAsync();
                    return;
                }
            }
            else if (state == 2 || Interlocked.CompareExchange(ref _state, 2, 1) == 1)
            {
                return;
            }
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(_window, _stop).ConfigureAwait(false);
                Volatile.Write(ref _state, 1);
                Runs++;
                try
                {
                    await _work(_stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    // Logged where it happened; the next event schedules the next try.
                }

                if (Interlocked.CompareExchange(ref _state, 0, 1) == 1)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
