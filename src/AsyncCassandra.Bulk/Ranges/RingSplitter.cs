using System.Numerics;
using AsyncCassandra.Metadata;

namespace AsyncCassandra.Bulk.Ranges;

/// <summary>
/// Cuts the ring into ranges to scan: the cluster's ranges (one per vnode) unwrapped at the ring's end, kept to the
/// shard's slice of the token space, then each split further so that there are about <c>splitCount</c> in all.
/// The result is sorted, disjoint and covers the shard's slice exactly once.
/// </summary>
internal static class RingSplitter
{
    public static List<ScanRange> Split(TokenPartitioner partitioner, IReadOnlyList<TokenRange> ring, int splitCount, Shard? shard)
    {
        BigInteger min = partitioner.MinToken.Value;
        BigInteger max = partitioner.MaxToken.Value;
        var pieces = new List<ScanRange>();
        if (ring.Count == 0)
        {
            pieces.Add(new ScanRange(min, max, []));
        }

        foreach (TokenRange range in ring)
        {
            BigInteger start = range.Start.Value;
            BigInteger end = range.End.Value;
            if (!range.IsWrapping)
            {
                pieces.Add(new ScanRange(start, end, range.Replicas));
                continue;
            }

            // (start, max] then (min, end]: the range that crosses the ring's end (all of it on a one-token ring).
            if (start < max)
            {
                pieces.Add(new ScanRange(start, max, range.Replicas));
            }

            if (end > min)
            {
                pieces.Add(new ScanRange(min, end, range.Replicas));
            }
        }

        if (shard is { } s)
        {
            (BigInteger low, BigInteger high) = Slice(min, max, s);
            pieces = [.. pieces.Select(p => Intersect(p, low, high)).OfType<ScanRange>()];
        }

        pieces.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        BigInteger total = pieces.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Size);
        if (splitCount <= pieces.Count || total.IsZero)
        {
            return pieces;
        }

        var split = new List<ScanRange>(splitCount + pieces.Count);
        foreach (ScanRange piece in pieces)
        {
            // Each range gets a share of the requested count in proportion to its size (at least one piece).
            BigInteger wanted = BigInteger.Max(BigInteger.One, BigInteger.Min(piece.Size, (piece.Size * splitCount + total / 2) / total));
            int count = (int)wanted;
            BigInteger previous = piece.Start;
            for (int i = 1; i <= count; i++)
            {
                BigInteger next = i == count ? piece.End : piece.Start + (piece.Size * i / count);
                if (next > previous)
                {
                    split.Add(piece with { Start = previous, End = next });
                    previous = next;
                }
            }
        }

        return split;
    }

    /// <summary>Shard i of n: the i-th of n equal slices of (min, max], as (low, high].</summary>
    public static (BigInteger Low, BigInteger High) Slice(BigInteger min, BigInteger max, Shard shard)
    {
        BigInteger span = max - min;
        BigInteger low = min + (span * (shard.Index - 1) / shard.Count);
        BigInteger high = shard.Index == shard.Count ? max : min + (span * shard.Index / shard.Count);
        return (low, high);
    }

    private static ScanRange? Intersect(ScanRange range, BigInteger low, BigInteger high)
    {
        BigInteger start = BigInteger.Max(range.Start, low);
        BigInteger end = BigInteger.Min(range.End, high);
        return end > start ? range with { Start = start, End = end } : null;
    }

    /// <summary>The parts of <paramref name="ranges"/> not covered by <paramref name="done"/> (ranges finished by an earlier run).</summary>
    public static List<ScanRange> Subtract(IReadOnlyList<ScanRange> ranges, IReadOnlyList<(BigInteger Start, BigInteger End)> done)
    {
        var sorted = done.Where(d => d.End > d.Start).OrderBy(d => d.Start).ToList();
        var remaining = new List<ScanRange>();
        foreach (ScanRange range in ranges)
        {
            BigInteger cursor = range.Start;
            foreach ((BigInteger start, BigInteger end) in sorted)
            {
                if (end <= cursor)
                {
                    continue;
                }

                if (start >= range.End)
                {
                    break;
                }

                if (start > cursor)
                {
                    remaining.Add(range with { Start = cursor, End = start });
                }

                cursor = BigInteger.Max(cursor, end);
                if (cursor >= range.End)
                {
                    break;
                }
            }

            if (cursor < range.End)
            {
                remaining.Add(range with { Start = cursor });
            }
        }

        return remaining;
    }
}
