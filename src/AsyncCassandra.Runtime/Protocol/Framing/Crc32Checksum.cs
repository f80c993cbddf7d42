using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// The CRC32 trailer of a v5 segment (v5 spec §2.1, §2.2): the standard CRC-32 (IEEE 802.3, reflected polynomial
/// 0xEDB88320, init and final XOR 0xFFFFFFFF — the value of zlib's <c>crc32</c> and <c>System.IO.Hashing.Crc32</c>),
/// but computed as if the 4 bytes FA 2D 55 CA preceded the payload. The spec does not mention those 4 bytes; Cassandra
/// (<c>org.apache.cassandra.net.Crc.crc32()</c>) feeds them and so must every client. The trailer is written as 4
/// little-endian bytes. Slicing-by-8 table implementation, allocation-free.
/// </summary>
internal static class Crc32Checksum
{
    /// <summary>The 4 bytes Cassandra feeds into the CRC32 before a segment payload.</summary>
    public static ReadOnlySpan<byte> Seed => [0xFA, 0x2D, 0x55, 0xCA];

    private const uint ReflectedPolynomial = 0xEDB88320;

    // 8 tables of 256 entries each, laid out contiguously: [k * 256 + i].
    private static readonly uint[] Tables = BuildTables();

    // Internal (pre-final-XOR) register after feeding the seed bytes to a fresh CRC-32.
    private static readonly uint SeededState = Update(0xFFFFFFFF, Seed);

    /// <summary>The v5 segment payload checksum: the standard CRC-32 of <c>FA 2D 55 CA</c> followed by <paramref name="payload"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> payload) => ~Update(SeededState, payload);

    /// <summary>The plain, unseeded standard CRC-32 (zlib / IEEE) of <paramref name="data"/>.</summary>
    public static uint ComputeStandard(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>Advances a raw (non-inverted) CRC-32 register over <paramref name="data"/>.</summary>
    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        ref uint table = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref byte p = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;
        nuint offset = 0;

        while (length - offset >= 8)
        {
            uint one = ReadUInt32LittleEndian(ref Unsafe.Add(ref p, offset)) ^ crc;
            uint two = ReadUInt32LittleEndian(ref Unsafe.Add(ref p, offset + 4));
            crc = Unsafe.Add(ref table, (nint)(7 * 256 + (one & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(6 * 256 + ((one >> 8) & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(5 * 256 + ((one >> 16) & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(4 * 256 + (one >> 24)))
                ^ Unsafe.Add(ref table, (nint)(3 * 256 + (two & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(2 * 256 + ((two >> 8) & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(1 * 256 + ((two >> 16) & 0xFF)))
                ^ Unsafe.Add(ref table, (nint)(two >> 24));
            offset += 8;
        }

        while (offset < length)
        {
            crc = (crc >> 8) ^ Unsafe.Add(ref table, (nint)((crc ^ Unsafe.Add(ref p, offset)) & 0xFF));
            offset++;
        }

        return crc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32LittleEndian(ref byte source)
    {
        uint value = Unsafe.ReadUnaligned<uint>(ref source);
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    private static uint[] BuildTables()
    {
        uint[] tables = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            }

            tables[i] = crc;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (previous >> 8) ^ tables[previous & 0xFF];
            }
        }

        return tables;
    }
}
