using AsyncCassandra.Connections;

namespace AsyncCassandra.Tests.Connections;

/// <summary>Stream ids (v3/v4 §2.3, v5 §2.4.1.3): requests use non-negative [short] ids, at most 32768 in flight per connection.</summary>
public class StreamIdPoolTests
{
    private static List<short> AcquireAll(StreamIdPool pool)
    {
        var ids = new List<short>();
        while (pool.TryAcquire(out short id))
        {
            ids.Add(id);
            Assert.True(ids.Count <= pool.Capacity, "The pool handed out more ids than its capacity.");
        }

        return ids;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Spec_2_3_every_id_below_capacity_is_handed_out_once_then_the_pool_is_exhausted(int capacity)
    {
        var pool = new StreamIdPool(capacity);
        List<short> ids = AcquireAll(pool);
        Assert.Equal(Enumerable.Range(0, capacity).Select(i => (short)i), ids.Order());
        Assert.Equal(capacity, pool.InUse);
        Assert.False(pool.TryAcquire(out short none));
        Assert.Equal(-1, none);
    }

    [Fact]
    public void Spec_2_3_all_32768_ids_are_non_negative_shorts()
    {
        var pool = new StreamIdPool(32768);
        List<short> ids = AcquireAll(pool);
        Assert.Equal(32768, ids.Count);
        Assert.Equal(32768, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id >= 0, $"id {id} is negative; negative ids are reserved for server events"));
        Assert.Equal(short.MaxValue, ids.Max());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(32769)]
    public void Spec_2_3_capacity_outside_1_to_32768_is_refused(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamIdPool(capacity));
    }

    [Fact]
    public void A_released_id_is_reused()
    {
        var pool = new StreamIdPool(1);
        Assert.True(pool.TryAcquire(out short id));
        Assert.Equal(0, id);
        Assert.False(pool.TryAcquire(out _));
        pool.Release(id);
        Assert.Equal(0, pool.InUse);
        Assert.True(pool.TryAcquire(out short again));
        Assert.Equal(0, again);
    }

    [Fact]
    public void Releasing_one_id_of_a_full_pool_frees_exactly_that_id()
    {
        var pool = new StreamIdPool(200);
        AcquireAll(pool);
        pool.Release(137);
        Assert.True(pool.TryAcquire(out short id));
        Assert.Equal(137, id);
        Assert.False(pool.TryAcquire(out _));
    }

    [Fact]
    public void Double_release_throws()
    {
        var pool = new StreamIdPool(10);
        Assert.True(pool.TryAcquire(out short id));
        pool.Release(id);
        Assert.Throws<InvalidOperationException>(() => pool.Release(id));
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Releasing_an_id_that_was_never_acquired_throws()
    {
        var pool = new StreamIdPool(10);
        Assert.Throws<InvalidOperationException>(() => pool.Release(5));
    }

    [Theory]
    [InlineData(127)] // past the capacity, but inside the last 64-bit word of the bitmap
    [InlineData(100)]
    [InlineData(-1)] // the event stream id (§2.3), never handed out
    [InlineData(short.MinValue)]
    [InlineData(32767)] // a valid stream id, but past this pool's capacity
    public void Releasing_an_id_the_pool_never_handed_out_is_refused_with_a_clear_exception(short id)
    {
        var pool = new StreamIdPool(100);
        Exception? ex = Record.Exception(() => pool.Release(id));
        Assert.True(
            ex is InvalidOperationException or ArgumentOutOfRangeException,
            $"Release({id}) on a 100-id pool: expected InvalidOperationException or ArgumentOutOfRangeException, got {ex?.GetType().Name ?? "no exception"}");
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void An_id_beyond_the_capacity_is_never_handed_out_even_after_a_bogus_release()
    {
        // Capacity 100: ids 100..127 share the last bitmap word with valid ids and are kept permanently "in use".
        var pool = new StreamIdPool(100);
        try
        {
            pool.Release(127);
        }
        catch (InvalidOperationException)
        {
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        List<short> ids = AcquireAll(pool);
        Assert.All(ids, id => Assert.InRange(id, (short)0, (short)99));
        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public async Task Concurrent_acquire_and_release_never_hands_out_an_id_twice()
    {
        const int threads = 8;
        const int iterations = 20_000;
        var pool = new StreamIdPool(64); // fewer ids than threads x held ids: constant contention and exhaustion
        int[] owner = new int[64];
        int duplicates = 0;
        int acquired = 0;
        using var start = new Barrier(threads);

        void Work(int thread)
        {
            var held = new Queue<short>();
            start.SignalAndWait();
            for (int i = 0; i < iterations; i++)
            {
                if (pool.TryAcquire(out short id))
                {
                    Interlocked.Increment(ref acquired);
                    if (Interlocked.CompareExchange(ref owner[id], thread + 1, 0) != 0)
                    {
                        Interlocked.Increment(ref duplicates);
                    }

                    held.Enqueue(id);
                }

                if (held.Count > 4 || (i % 3 == 0 && held.Count > 0))
                {
                    short release = held.Dequeue();
                    Volatile.Write(ref owner[release], 0);
                    pool.Release(release);
                }
            }

            while (held.Count > 0)
            {
                short release = held.Dequeue();
                Volatile.Write(ref owner[release], 0);
                pool.Release(release);
            }
        }

        Task[] tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() => Work(t), TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, duplicates);
        Assert.True(acquired > iterations, $"only {acquired} acquisitions succeeded");
        Assert.Equal(0, pool.InUse);
        Assert.Equal(64, AcquireAll(pool).Count);
    }
}
