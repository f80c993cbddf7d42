namespace AsyncCassandra.Connections;

/// <summary>
/// The one thread that runs every open connection's timer work (<see cref="Heartbeat"/>) every
/// <see cref="Heartbeat.IntervalMs"/>: a plain sleep and wake-up, where a <see cref="Timer"/> per connection queued a
/// thread-pool work item on each tick, and each work item woke a pool worker that then spun before it slept again
/// (measured: about a fifth of the client's CPU at 128 requests in flight once the round trips themselves no longer
/// used the pool; docs/performance.md). Waits without waking while no connection is open.
/// </summary>
internal static class ConnectionTicker
{
    private static readonly object Gate = new();
    private static Heartbeat[] s_heartbeats = [];
    private static bool s_started;

    /// <summary>Ticks <paramref name="heartbeat"/> from the next round on.</summary>
    public static void Add(Heartbeat heartbeat)
    {
        lock (Gate)
        {
            s_heartbeats = [.. s_heartbeats, heartbeat];
            if (!s_started)
            {
                s_started = true;
                var thread = new Thread(Run) { IsBackground = true, Name = "AsyncCassandra timer" };
                thread.UnsafeStart(); // no caller's ExecutionContext (AsyncLocal, Activity) flows into the ticks
            }
            else
            {
                Monitor.PulseAll(Gate);
            }
        }
    }

    /// <summary>Stops ticking <paramref name="heartbeat"/> (a round already under way may still tick it once).</summary>
    public static void Remove(Heartbeat heartbeat)
    {
        lock (Gate)
        {
            int index = Array.IndexOf(s_heartbeats, heartbeat);
            if (index >= 0)
            {
                s_heartbeats = [.. s_heartbeats.AsSpan(0, index), .. s_heartbeats.AsSpan(index + 1)];
            }
        }
    }

    private static void Run()
    {
        while (true)
        {
            lock (Gate)
            {
                while (s_heartbeats.Length == 0)
                {
                    Monitor.Wait(Gate);
                }
            }

            Thread.Sleep(Heartbeat.IntervalMs);
            Heartbeat[] round = Volatile.Read(ref s_heartbeats);
            foreach (Heartbeat heartbeat in round)
            {
                heartbeat.OnTimer(); // never throws: a failure closes that connection
            }
        }
    }
}
