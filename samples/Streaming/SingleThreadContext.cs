using System.Collections.Concurrent;

namespace Streaming;

/// <summary>
/// Runs every continuation of the demo on one thread, as an event loop does: if anything in the stream blocked that
/// thread while waiting for the network, the timer on the same thread would stop ticking, and the gap would show it.
/// </summary>
internal sealed class SingleThreadContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The demo's loop runs posted work only.");

    /// <summary>Runs <paramref name="main"/> and everything it awaits on the calling thread until it completes.</summary>
    public static T Run<T>(Func<Task<T>> main)
    {
        SynchronizationContext? previous = Current;
        var context = new SingleThreadContext();
        SetSynchronizationContext(context);
        try
        {
            Task<T> task = main();
            task.ContinueWith(_ => context._queue.CompleteAdding(), TaskScheduler.Default);
            foreach ((SendOrPostCallback callback, object? state) in context._queue.GetConsumingEnumerable())
            {
                callback(state);
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
