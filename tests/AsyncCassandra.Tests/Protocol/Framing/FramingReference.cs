using System.Buffers.Binary;

namespace AsyncCassandra.Tests.Protocol.Framing;

/// <summary>
/// Independent, deliberately naive reference implementations and helpers for the framing tests. They are written
/// straight from the spec parameters (v5 §2.1: CRC24 init 0x875060, polynomial 0x1974F0B; the CRC-32 is the
/// textbook reflected IEEE algorithm) and share no code with the implementation under test.
/// </summary>
internal static class FramingReference
{
    public static readonly byte[] Crc32Seed = [0xFA, 0x2D, 0x55, 0xCA];

    /// <summary>Bit-at-a-time CRC24, bytes in wire order, each byte MSB first (v5 §2.1).</summary>
    public static int Crc24Bitwise(ReadOnlySpan<byte> data)
    {
        int crc = 0x875060;
        foreach (byte b in data)
        {
            crc ^= b << 16;
            for (int i = 0; i < 8; i++)
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

    /// <summary>Bit-at-a-time standard CRC-32 (reflected 0xEDB88320, init/xorout 0xFFFFFFFF).</summary>
    public static uint Crc32Bitwise(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Standard CRC-32 of FA 2D 55 CA followed by <paramref name="payload"/> (the v5 payload trailer).</summary>
    public static uint SeededCrc32Bitwise(ReadOnlySpan<byte> payload)
    {
        byte[] all = new byte[4 + payload.Length];
        Crc32Seed.CopyTo(all, 0);
        payload.CopyTo(all.AsSpan(4));
        return Crc32Bitwise(all);
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Compressible filler: a short repeating text pattern.</summary>
    public static byte[] CompressibleBytes(int length)
    {
        byte[] pattern = "SELECT * FROM ks.table WHERE id = ?;"u8.ToArray();
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = pattern[i % pattern.Length];
        }

        return bytes;
    }

    /// <summary>A v5 request envelope (v5 §2.4): version 0x05, flags 0, stream, opcode QUERY (0x07), body length, body.</summary>
    public static byte[] Envelope(short stream, int bodyLength, int seed)
    {
        byte[] envelope = new byte[9 + bodyLength];
        envelope[0] = 0x05;
        envelope[1] = 0x00;
        BinaryPrimitives.WriteInt16BigEndian(envelope.AsSpan(2), stream);
        envelope[4] = 0x07;
        BinaryPrimitives.WriteInt32BigEndian(envelope.AsSpan(5), bodyLength);
        new Random(seed).NextBytes(envelope.AsSpan(9));
        return envelope;
    }
}
