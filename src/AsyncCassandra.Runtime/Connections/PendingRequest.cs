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
    private int _completed;
    private int _holders;

    public PendingRequest(Connection owner) => _owner = owner;

    public short StreamId { get; private set; }

    /// <summary>When the request times out (Environment.TickCount64 ms); long.MaxValue for never. Read by the connection's sweep.</summary>
    public long DeadlineTicks { get; private set; }

    public ValueTask<ResponseFrame> Task => new(this, _core.Version);

    public void Start(short streamId, long deadlineTicks, CancellationToken cancellationToken)
    {
        StreamId = streamId;
        DeadlineTicks = deadlineTicks;
        _completed = 0;
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
        if (Interlocked.Exchange(ref _completed, 1) == 0)
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
        if (Interlocked.Exchange(ref _completed, 1) == 0)
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
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            _cancellation.Dispose();
            _core.SetException(exception);
        }

        ReleaseHolder();
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            // The stream id stays reserved: a reply may still come, and must not be taken for another request's.
            _core.SetException(new OperationCanceledException(token));
        }
    }

    /// <summary>The deadline passed (the connection's sweep): the caller leaves with a timeout; the id stays reserved as on cancel.</summary>
    public void Expire()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            _cancellation.Dispose();
            _core.SetException(new RequestTimedOutException());
        }
    }

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

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
