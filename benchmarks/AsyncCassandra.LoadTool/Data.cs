namespace AsyncCassandra.LoadTool;

/// <summary>The data rules of WORKLOADS.md ("Data") and the W2 checksum.</summary>
internal static class Data
{
    public const int KvRows = 10_000;
    public const int WidePartitions = 10;
    public const int WideRowsPerPartition = 20_000;
    public const int WideRows = WidePartitions * WideRowsPerPartition;

    /// <summary>W2 over all of bench.wide: rows=200000 chk=2235993456.</summary>
    public const long ExpectedRows = WideRows;
    public const long ExpectedChecksum = 2_235_993_456;

    private static readonly DateTimeOffset Epoch2020 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>kv/kv2 value: the id as 10 zero-padded digits, repeated 10 times (100 ASCII chars).</summary>
    public static string KvValue(int id) => string.Create(100, id, static (span, id) =>
    {
        for (int digit = 9; digit >= 0; digit--)
        {
            span[digit] = (char)('0' + (id % 10));
            id /= 10;
        }

        for (int i = 10; i < 100; i += 10)
        {
            span[..10].CopyTo(span[i..]);
        }
    });

    public static int WideN(int pk, int ck) => (pk * WideRowsPerPartition) + ck;

    /// <summary>a = format("%04d-%015d", pk, ck).</summary>
    public static string WideA(int pk, int ck) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pk:D4}-{ck:D15}");

    /// <summary>b = pk * 10^12 + ck.</summary>
    public static long WideB(int pk, int ck) => (pk * 1_000_000_000_000L) + ck;

    /// <summary>c = n / 8.0.</summary>
    public static double WideC(int n) => n / 8.0;

    /// <summary>d = 00000000-0000-4000-8000-&lt;n as 12 hex digits&gt;.</summary>
    public static Guid WideD(int n)
    {
        long v = n;
        return new Guid(0, 0, 0x4000, 0x80, 0x00,
            (byte)(v >> 40), (byte)(v >> 32), (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>e = 2020-01-01T00:00:00Z + n seconds.</summary>
    public static DateTimeOffset WideE(int n) => Epoch2020.AddSeconds(n);

    /// <summary>
    /// One row's checksum term: pk + ck + len(a) + (b mod 1000) + (floor(c) mod 1000) + last byte of d (RFC byte 15)
    /// + seconds-of-minute of e (UTC).
    /// </summary>
    public static long Fold(int pk, int ck, string a, long b, double c, Guid d, DateTimeOffset e) =>
        pk + ck + a.Length + (b % 1000) + ((long)Math.Floor(c) % 1000) + RfcByte15(d) + e.UtcDateTime.Second;

    /// <summary>Byte 15 of the RFC 4122 (big-endian) layout; the last 8 bytes are the same in both layouts.</summary>
    public static int RfcByte15(Guid d)
    {
        Span<byte> bytes = stackalloc byte[16];
        d.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes[15];
    }
}
