namespace AsyncCassandra.ServerModel;

/// <summary>
/// The two checksums of v5 framing, written here from the spec rather than shared with the client: CRC24 over the
/// segment header (v5 §2.1: initial 0x875060, polynomial 0x1974F0B, over the header's bytes in little-endian order) and
/// CRC32 over the payload. Cassandra's CRC32 (org.apache.cassandra.net.Crc) is the zlib CRC32 started over the four
/// bytes FA 2D 55 CA before the payload, which the spec does not say; the Python driver does the same.
/// </summary>
public static class Checksums
{
    private static readonly uint[] Crc32Table = BuildCrc32Table();
    private static readonly byte[] Crc32Seed = [0xFA, 0x2D, 0x55, 0xCA];

    /// <summary>CRC24 of the first <paramref name="length"/> bytes of a little-endian header value.</summary>
    public static int Crc24(ulong headerValue, int length)
    {
        int crc = 0x875060;
        for (int i = 0; i < length; i++)
        {
            crc ^= (int)(headerValue & 0xFF) << 16;
            headerValue >>= 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= 0x1974F0B;
                }
            }
        }

        return crc & 0xFFFFFF;
    }

    /// <summary>The payload CRC32 of a v5 segment (zlib CRC32 of FA 2D 55 CA followed by the payload).</summary>
    public static uint SegmentCrc32(ReadOnlySpan<byte> payload) => Crc32(payload, Crc32(Crc32Seed, 0));

    /// <summary>IEEE CRC32 (reflected, polynomial 0xEDB88320), continuing from <paramref name="crc"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc)
    {
        crc = ~crc;
        foreach (byte b in data)
        {
            crc = Crc32Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
