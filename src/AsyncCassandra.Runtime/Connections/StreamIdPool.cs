using System.Numerics;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Connections;

/// <summary>
/// Lock-free allocation of stream ids 0..capacity-1 (spec §2.3: v3+ ids are non-negative [short]s; -1 is for events):
/// a bitmap of in-use ids, claimed with compare-and-swap, scanned from a rotating hint so ids spread over the words.
/// </summary>
internal sealed class StreamIdPool
{
    private readonly long[] _words;
    private readonly int _capacity;
    private int _hint;
    private int _inUse;

    public StreamIdPool(int capacity)
    {
        if (capacity <= 0 || capacity > 32768)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Stream ids are 1..32768 per connection (spec §2.3).");
        }

        _capacity = capacity;
        _words = new long[(capacity + 63) / 64];
        int tail = capacity % 64;
        if (tail != 0)
        {
            // Ids past the capacity are permanently "in use".
            _words[^1] = ~((1L << tail) - 1);
        }
    }

    public int InUse => Volatile.Read(ref _inUse);

    public int Capacity => _capacity;

    public bool TryAcquire(out short id)
    {
        int words = _words.Length;
        int start = (int)((uint)Interlocked.Increment(ref _hint) % (uint)words);
        for (int n = 0; n < words; n++)
        {
            int w = start + n;
            if (w >= words)
            {
                w -= words;
            }

            while (true)
            {
                long current = Volatile.Read(ref _words[w]);
                if (current == -1L)
                {
                    break;
                }

                int bit = BitOperations.TrailingZeroCount(~current);
                long updated = current | (1L << bit);
                if (Interlocked.CompareExchange(ref _words[w], updated, current) == current)
                {
                    Interlocked.Increment(ref _inUse);
                    ResourceCounters.StreamIdTaken();
                    id = (short)((w * 64) + bit);
                    return true;
                }
            }
        }

        id = -1;
        return false;
    }

    public void Release(short id)
    {
        if (id < 0 || id >= _capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Stream id {id} was never handed out by this pool (ids are 0..{_capacity - 1}).");
        }

        int w = id >> 6;
        long mask = 1L << (id & 63);
        long before = Interlocked.And(ref _words[w], ~mask);
        if ((before & mask) == 0)
        {
            throw new InvalidOperationException($"Stream id {id} released twice.");
        }

        Interlocked.Decrement(ref _inUse);
        ResourceCounters.StreamIdFreed();
    }
}
