namespace AsyncCassandra.Protocol;

/// <summary>
/// Process-wide counts of what requests hold while they run, for leak tests and the soak tool: each must come back to
/// its idle value once the requests are over. Each is a <see cref="StripedCounter"/>: a request changes them six
/// times, and as plain shared counters they (with the in-memory statistics) cost about 0.8 µs of CPU per W3 write on
/// 2 cores (docs/performance.md).
/// </summary>
internal static class ResourceCounters
{
    private static readonly StripedCounter StreamIds = new();
    private static readonly StripedCounter Pending = new();
    private static readonly StripedCounter FrameBuffers = new();
    private static readonly StripedCounter Connected = new();

    /// <summary>Stream ids taken and not yet freed, over every connection.</summary>
    public static long StreamIdsInUse => StreamIds.Sum();

    /// <summary>Pending-request objects started and not yet back in their connection's pool.</summary>
    public static long PendingRequests => Pending.Sum();

    /// <summary>Pooled reply-body buffers rented and neither returned nor handed for good to a result the caller owns.</summary>
    public static long FrameBuffersRented => FrameBuffers.Sum();

    /// <summary>Connections open (handshake done, not yet closed).</summary>
    public static long OpenConnections => Connected.Sum();

    internal static void StreamIdTaken() => StreamIds.Increment();

    internal static void StreamIdFreed() => StreamIds.Decrement();

    internal static void PendingStarted() => Pending.Increment();

    internal static void PendingRecycled() => Pending.Decrement();

    internal static void FrameBufferRented() => FrameBuffers.Increment();

    internal static void FrameBufferDone() => FrameBuffers.Decrement();

    internal static void ConnectionOpened() => Connected.Increment();

    internal static void ConnectionClosed() => Connected.Decrement();

    /// <summary>One line for logs and test output.</summary>
    public static string Describe() =>
        $"stream ids in use {StreamIdsInUse}, pending requests {PendingRequests}, frame buffers rented {FrameBuffersRented}, open connections {OpenConnections}";
}
