using System.Numerics;

namespace AsyncCassandra.Bulk.Progress;

/// <summary>The share of a run's tokens done, added to by one thread and read by the progress reporter.</summary>
internal sealed class TokenShare(BigInteger total, BigInteger done)
{
    private readonly object _lock = new();
    private BigInteger _done = done;
    private double _fraction = Compute(total, done);

    public double Fraction => Volatile.Read(ref _fraction);

    public void Add(BigInteger tokens)
    {
        lock (_lock)
        {
            _done += tokens;
            Volatile.Write(ref _fraction, Compute(total, _done));
        }
    }

    private static double Compute(BigInteger total, BigInteger done) => total.IsZero ? 1 : (double)(done * 1_000_000 / total) / 1_000_000;
}
