using System.Globalization;
using System.Numerics;

namespace AsyncCassandra.Bulk.Ranges;

/// <summary>A piece of the ring to scan, <c>(Start, End]</c> with Start &lt; End (never wrapping), and the nodes holding it.</summary>
internal sealed record ScanRange(BigInteger Start, BigInteger End, IReadOnlyList<string> Replicas)
{
    public BigInteger Size => End - Start;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Start}, {End}]");
}
