using System.Threading.Tasks.Sources;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Connections;

/// <summary>
/// The completion of one in-flight request, pooled per connection: a <see cref="ManualResetValueTaskSourceCore{T}"/>
/// instead of a Task and a closure per request. Continuations run on the thread pool, never on the reader loop.
/// Two parties hold it: the awaiting caller and the stream id slot. A cancelled caller leaves at once, but the slot
/// (and so the stream id) stays taken until the late reply arrives or the connection closes; only when both have let
/// go does the object return to the pool.
/// </summary>
internal sealed class PendingRequest : IValueTaskSource<ResponseFrame>
{
    private ManualResetValueTaskSourceCore<ResponseFrame> _core = new() { RunContinuationsAsynchronously = true };
    private readonly Connection _owner;
    private CancellationTokenRegistration _cancellation;
    // (generation << 3) | Released | Orphaned | Completed, changed only by compare-and-swap of the whole word: the
    // generation grows with each use of this pooled object, so a stale reference (the timeout sweep's) can act only on
    // the use it saw, never on a request that reused the object.
    private long _state;
    private const long Completed = 1; // the caller has its outcome (reply, error, cancellation or timeout)
    private const long Orphaned = 2; // its caller left past the deadline without a reply: counted by the connection
    private const long Released = 4; // the stream id was released (the reply came, or the connection closed)
    private int _holders;

    public PendingRequest(Connection owner) => _owner = owner;

    public short StreamId { get; private set; }

    /// <summary>When the request times out (Environment.TickCount64 ms); long.MaxValue for never. Read by the connection's sweep.</summary>
    public long DeadlineTicks { get; private set; }

    public ValueTask<ResponseFrame> Task => new(this, _core.Version);

    /// <summary>Which use of this pooled object is current; <see cref="Expire"/> takes it so that a stale reference cannot expire a later request.</summary>
    public long Generation => Volatile.Read(ref _state) >> 3;

    /// <summary>
    /// Whether the caller keeps its result (<see cref="Protocol.Messages.ResultBuffers.Owned"/>): a small rows reply is then
    /// read into an exact array of its own rather than a pooled one it would copy from (see <see cref="ResponseFrame.Pooled"/>).
    /// </summary>
    public bool KeepsResult { get; private set; }

    public void Start(short streamId, long deadlineTicks, CancellationToken cancellationToken, bool keepsResult = false)
    {
        StreamId = streamId;
        KeepsResult = keepsResult;
        DeadlineTicks = deadlineTicks;
        Volatile.Write(ref _state, unchecked(((_state >> 3) + 1) << 3));
        _holders = 2;
        ResourceCounters.PendingStarted();
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PendingRequest)state!).Cancel(token), this);
        }
    }

    /// <summary>The reply for this stream arrived (reader loop). A caller that already left gets nothing; the frame is returned to the pool.</summary>
    public void Complete(ResponseFrame frame)
    {
        if (TryFinish())
        {
            _cancellation.Dispose();
            _core.SetResult(frame);
        }
        else
        {
            frame.Release();
        }

        ReleaseHolder();
    }

    /// <summary>
    /// The reply, delivered by a <see cref="CompletionBatch"/> on a thread-pool thread: the awaiting continuation runs
    /// inline, on that thread (never on the reader loop).
    /// </summary>
    public void CompleteInline(ResponseFrame frame)
    {
        if (TryFinish())
        {
            _cancellation.Dispose();
            _core.RunContinuationsAsynchronously = false;
            _core.SetResult(frame);
            _core.RunContinuationsAsynchronously = true;
        }
        else
        {
            frame.Release();
        }

        ReleaseHolder();
    }

    /// <summary>The connection failed before the reply arrived.</summary>
    public void Fail(Exception exception)
    {
        if (TryFinish())
        {
            _cancellation.Dispose();
            _core.SetException(exception);
        }

        ReleaseHolder();
    }

    private void Cancel(CancellationToken token)
    {
        if (TryFinish())
        {
            // The stream id stays reserved: a reply may still come, and must not be taken for another request's. If
            // none has come by the deadline, the sweep counts it as an orphan (OrphanIfOverdue).
            _core.SetException(new OperationCanceledException(token));
        }
    }

    /// <summary>
    /// The deadline of use <paramref name="generation"/> passed (the connection's sweep): the caller leaves with a
    /// timeout; the id stays reserved as on cancel. False, and nothing done, when that use already completed, even if
    /// the object has since been recycled and started for another request.
    /// </summary>
    public bool Expire(long generation)
    {
        // Completed and orphaned in one step, only while this use is neither completed nor released.
        long started = unchecked(generation << 3);
        if (Interlocked.CompareExchange(ref _state, started | Completed | Orphaned, started) != started)
        {
            return false;
        }

        _owner.OnOrphaned();
        _cancellation.Dispose();
        _core.SetException(new RequestTimedOutException());
        return true;
    }

    /// <summary>
    /// A cancelled use <paramref name="generation"/> whose deadline passed without a reply (the sweep): its stream id
    /// is counted as orphaned. False when it was answered, already counted, or the object was reused.
    /// </summary>
    public bool OrphanIfOverdue(long generation)
    {
        long cancelled = unchecked(generation << 3) | Completed;
        if (Interlocked.CompareExchange(ref _state, cancelled | Orphaned, cancelled) != cancelled)
        {
            return false;
        }

        _owner.OnOrphaned();
        return true;
    }

    public bool IsCompleted => (Volatile.Read(ref _state) & Completed) != 0;

    /// <summary>The stream id was released (the reply came, or the connection closed): an orphan no longer holds it.</summary>
    public void ReleaseSlot()
    {
        while (true)
        {
            long state = Volatile.Read(ref _state);
            if (Interlocked.CompareExchange(ref _state, state | Released, state) == state)
            {
                if ((state & (Orphaned | Released)) == Orphaned)
                {
                    _owner.OnOrphanReleased();
                }

                return;
            }
        }
    }

    /// <summary>Completes the current use; false when it was already completed.</summary>
    private bool TryFinish()
    {
        while (true)
        {
            long state = Volatile.Read(ref _state);
            if ((state & Completed) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, state | Completed, state) == state)
            {
                return true;
            }
        }
    }

    private void ReleaseHolder()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            Recycle();
        }
    }

    ResponseFrame IValueTaskSource<ResponseFrame>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            ReleaseHolder();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<ResponseFrame>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<ResponseFrame>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Recycle()
    {
        _cancellation.Dispose();
        _cancellation = default;
        _core.Reset();
        ResourceCounters.PendingRecycled();
        _owner.ReturnPending(this);
    }
}
