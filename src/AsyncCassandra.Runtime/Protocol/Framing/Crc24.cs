namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// The CRC24 that protects a v5 segment header (v5 spec §2.1, §2.2): initial value 0x875060, polynomial 0x1974F0B
/// (x^24 term included), no reflection, no final XOR. Bytes are fed in wire order, i.e. least-significant byte of
/// the little-endian header integer first, each byte most-significant bit first. The result is the low 24 bits and is
/// written to the wire as 3 little-endian bytes right after the bytes it covers.
/// </summary>
internal static class Crc24
{
    /// <summary>Initial register value (v5 spec §2.1).</summary>
    public const int InitialValue = 0x875060;

    /// <summary>Generator polynomial including the x^24 term (v5 spec §2.1).</summary>
    public const int Polynomial = 0x1974F0B;

    private const int Mask = 0xFFFFFF;

    // Table[i] = the register change caused by shifting 8 bits whose top byte (after XOR with the input byte) is i.
    private static readonly int[] Table = BuildTable();

    /// <summary>Computes the CRC24 of <paramref name="data"/> (3 bytes for an uncompressed header, 5 for a compressed one).</summary>
    public static int Compute(ReadOnlySpan<byte> data)
    {
        int[] table = Table;
        int crc = InitialValue;
        foreach (byte b in data)
        {
            crc = ((crc << 8) & Mask) ^ table[((crc >> 16) ^ b) & 0xFF];
        }

        return crc;
    }

    private static int[] BuildTable()
    {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 16;
            for (int bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= Polynomial;
                }
            }

            table[i] = crc & Mask;
        }

        return table;
    }
}
