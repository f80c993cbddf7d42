using System.Collections.Concurrent;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Connections;

/// <summary>
/// The replies one socket read delivered, completed together by one thread-pool work item: their continuations run
/// inline there, one after another, never on the reader loop. Requests those continuations issue are encoded into
/// the connection's buffer and the writer is woken once, at the end, so they leave in one socket write. This turns a
/// thread-pool hop (and the idle-worker spinning it causes) per reply into one per read.
/// </summary>
internal sealed class CompletionBatch : IThreadPoolWorkItem
{
    private static readonly ConcurrentQueue<CompletionBatch> Pool = new();

    [ThreadStatic]
    private static Connection? t_completing;

    private readonly List<(PendingRequest Request, ResponseFrame Frame)> _items = new(32);
    private Connection? _owner;

    /// <summary>The connection whose batch the current thread is completing, if any (its writer wake-up is deferred).</summary>
    public static Connection? Completing => t_completing;

    public static CompletionBatch Rent(Connection owner)
    {
        if (!Pool.TryDequeue(out CompletionBatch? batch))
        {
            batch = new CompletionBatch();
        }

        batch._owner = owner;
        return batch;
    }

    public void Add(PendingRequest request, ResponseFrame frame) => _items.Add((request, frame));

    public void Execute()
    {
        Connection owner = _owner!;
        Connection? outer = t_completing;
        t_completing = owner;
        try
        {
            foreach ((PendingRequest request, ResponseFrame frame) in _items)
            {
                request.CompleteInline(frame);
            }
        }
        finally
        {
            t_completing = outer;
            owner.EndCompletionBatch();
            _items.Clear();
            _owner = null;
            if (Pool.Count < 64)
            {
                Pool.Enqueue(this);
            }
        }
    }
}
