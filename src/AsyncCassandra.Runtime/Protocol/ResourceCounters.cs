namespace AsyncCassandra.Protocol;

/// <summary>
/// Process-wide counts of what requests hold while they run, for leak tests and the soak tool: each must come back to
/// its idle value once the requests are over. Interlocked increments on paths that already do more (a stream id, a
/// pooled object, a rented buffer), so they cost nothing measurable.
/// </summary>
internal static class ResourceCounters
{
    private static long _streamIds;
    private static long _pendingRequests;
    private static long _frameBuffers;
    private static long _connections;

    /// <summary>Stream ids taken and not yet freed, over every connection.</summary>
    public static long StreamIdsInUse => Interlocked.Read(ref _streamIds);

    /// <summary>Pending-request objects started and not yet back in their connection's pool.</summary>
    public static long PendingRequests => Interlocked.Read(ref _pendingRequests);

    /// <summary>Pooled reply-body buffers rented and neither returned nor handed for good to a result the caller owns.</summary>
    public static long FrameBuffersRented => Interlocked.Read(ref _frameBuffers);

    /// <summary>Connections open (handshake done, not yet closed).</summary>
    public static long OpenConnections => Interlocked.Read(ref _connections);

    internal static void StreamIdTaken() => Interlocked.Increment(ref _streamIds);

    internal static void StreamIdFreed() => Interlocked.Decrement(ref _streamIds);

    internal static void PendingStarted() => Interlocked.Increment(ref _pendingRequests);

    internal static void PendingRecycled() => Interlocked.Decrement(ref _pendingRequests);

    internal static void FrameBufferRented() => Interlocked.Increment(ref _frameBuffers);

    internal static void FrameBufferDone() => Interlocked.Decrement(ref _frameBuffers);

    internal static void ConnectionOpened() => Interlocked.Increment(ref _connections);

    internal static void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    /// <summary>One line for logs and test output.</summary>
    public static string Describe() =>
        $"stream ids in use {StreamIdsInUse}, pending requests {PendingRequests}, frame buffers rented {FrameBuffersRented}, open connections {OpenConnections}";
}
