using System.Globalization;

namespace AsyncCassandra.DelayProxy;

/// <summary>
/// How long the proxy actually held each chunk (receive to send), per direction, in a histogram of 10 µs buckets: the
/// added delay the clients really saw, printed when the proxy stops.
/// </summary>
internal sealed class HoldStats
{
    private const int BucketMicros = 10;
    private const int Buckets = 2_000; // up to 20 ms; longer holds land in the last bucket
    private readonly long[] _histogram = new long[Buckets];
    private readonly Lock _gate = new();
    private long _count;
    private long _bytes;
    private double _sumMicros;
    private double _maxMicros;

    public void Add(double micros, int bytes)
    {
        int bucket = Math.Clamp((int)(micros / BucketMicros), 0, Buckets - 1);
        lock (_gate)
        {
            _histogram[bucket]++;
            _count++;
            _bytes += bytes;
            _sumMicros += micros;
            _maxMicros = Math.Max(_maxMicros, micros);
        }
    }

    public string Describe(string direction)
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{direction}_chunks={_count} {direction}_bytes={_bytes} {direction}_hold_mean_us={(_count == 0 ? 0 : _sumMicros / _count):0} " +
                $"{direction}_hold_p50_us={Percentile(0.50)} {direction}_hold_p99_us={Percentile(0.99)} {direction}_hold_max_us={_maxMicros:0}");
        }
    }

    /// <summary>Upper edge of the bucket that holds the nearest-rank percentile.</summary>
    private int Percentile(double p)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(p * _count));
        long seen = 0;
        for (int i = 0; i < Buckets; i++)
        {
            seen += _histogram[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketMicros;
            }
        }

        return 0;
    }
}
