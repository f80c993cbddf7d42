using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Realtime.Dashboard;

/// <summary>
/// Hands every published snapshot to every page that listens. Each listener has a small queue that drops the oldest
/// snapshot when it falls behind (a slow browser sees fewer frames, never an old backlog), and starts with the latest.
/// </summary>
public sealed class SnapshotBroadcaster
{
    private readonly ConcurrentDictionary<Channel<DashboardSnapshot>, bool> _listeners = new();
    private DashboardSnapshot? _latest;

    public void Publish(DashboardSnapshot snapshot)
    {
        Volatile.Write(ref _latest, snapshot);
        foreach (Channel<DashboardSnapshot> listener in _listeners.Keys)
        {
            listener.Writer.TryWrite(snapshot);
        }
    }

    public async IAsyncEnumerable<DashboardSnapshot> SubscribeAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<DashboardSnapshot>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _listeners[channel] = true;
        try
        {
            if (Volatile.Read(ref _latest) is { } latest)
            {
                yield return latest;
            }

            await foreach (DashboardSnapshot snapshot in channel.Reader.ReadAllAsync(ct))
            {
                yield return snapshot;
            }
        }
        finally
        {
            _listeners.TryRemove(channel, out _);
        }
    }
}
