namespace AsyncCassandra.Protocol;

/// <summary>
/// A counter that many threads change on every request without fighting over one cache line: each processor adds to
/// a cell of its own (one 64-byte line apart), and a read sums the cells. One interlocked add on a line the processor
/// usually owns already, instead of moving a shared line between cores on each change (measured on 2 cores: as plain
/// shared counters, the per-request resource counters and statistics cost about 0.8 µs of CPU per W3 write;
/// docs/performance.md). A sum taken while others add is not a snapshot of one instant; every change made before it
/// started is in it.
/// </summary>
internal sealed class StripedCounter
{
    /// <summary>Longs per cell: one 64-byte cache line.</summary>
    private const int CellLongs = 8;

    /// <summary>Cells per counter: the processors, rounded up to a power of two, at most 16.</summary>
    internal static readonly int Stripes = Math.Min(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    // Cell i is at (i + 1) * CellLongs: cell 0 does not share a line with the array's header.
    private readonly long[] _cells = new long[(Stripes + 1) * CellLongs];

    /// <summary>The calling processor's stripe (0 to <see cref="Stripes"/> - 1).</summary>
    internal static int CurrentStripe => Thread.GetCurrentProcessorId() & (Stripes - 1);

    public void Increment() => Interlocked.Increment(ref _cells[(CurrentStripe + 1) * CellLongs]);

    public void Decrement() => Interlocked.Decrement(ref _cells[(CurrentStripe + 1) * CellLongs]);

    public void Add(long delta) => Interlocked.Add(ref _cells[(CurrentStripe + 1) * CellLongs], delta);

    /// <summary>The sum of the cells.</summary>
    public long Sum()
    {
        long sum = 0;
        for (int i = 1; i <= Stripes; i++)
        {
            sum += Volatile.Read(ref _cells[i * CellLongs]);
        }

        return sum;
    }
}
