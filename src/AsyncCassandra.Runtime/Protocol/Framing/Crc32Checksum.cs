namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// The CRC32 trailer of a v5 segment (v5 spec §2.1, §2.2): the standard CRC-32 (IEEE 802.3, reflected polynomial
/// 0xEDB88320, init and final XOR 0xFFFFFFFF — the value of zlib's <c>crc32</c>), but computed as if the 4 bytes
/// FA 2D 55 CA preceded the payload. The spec does not mention those 4 bytes; Cassandra
/// (<c>org.apache.cassandra.net.Crc.crc32()</c>) feeds them and so must every client. The trailer is written as 4
/// little-endian bytes. Computed with the vectorised <see cref="System.IO.Hashing.Crc32"/> (about 10× a table
/// implementation), one reusable instance per thread, allocation-free.
/// </summary>
internal static class Crc32Checksum
{
    [ThreadStatic]
    private static System.IO.Hashing.Crc32? t_crc;

    /// <summary>The 4 bytes Cassandra feeds into the CRC32 before a segment payload.</summary>
    public static ReadOnlySpan<byte> Seed => [0xFA, 0x2D, 0x55, 0xCA];

    /// <summary>The v5 segment payload checksum: the standard CRC-32 of <c>FA 2D 55 CA</c> followed by <paramref name="payload"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> payload)
    {
        System.IO.Hashing.Crc32 crc = t_crc ??= new System.IO.Hashing.Crc32();
        crc.Reset();
        crc.Append(Seed);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>The plain, unseeded standard CRC-32 (zlib / IEEE) of <paramref name="data"/>.</summary>
    public static uint ComputeStandard(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);
}
