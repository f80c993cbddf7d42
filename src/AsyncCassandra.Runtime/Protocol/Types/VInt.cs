using System.Numerics;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// [unsigned vint] and zig-zag [vint] (spec v5 §3): the count of leading 1 bits of the first byte is the count of extra
/// bytes; the rest of the first byte and the extra bytes hold the value, most significant first.
/// </summary>
internal static class VInt
{
    public static ulong ReadUnsigned(ReadOnlySpan<byte> buffer, ref int offset)
    {
        if (offset >= buffer.Length)
        {
            throw new ProtocolException("Malformed [vint]: no bytes left (spec v5 §3).");
        }

        byte first = buffer[offset++];
        int extra = BitOperations.LeadingZeroCount((uint)(byte)~first) - 24;
        if (offset + extra > buffer.Length)
        {
            throw new ProtocolException($"Malformed [vint]: needs {extra} more bytes, {buffer.Length - offset} left (spec v5 §3).");
        }

        ulong value = extra == 8 ? 0 : (ulong)(first & (0xFF >> (extra + 1)));
        for (int i = 0; i < extra; i++)
        {
            value = (value << 8) | buffer[offset++];
        }

        return value;
    }

    public static long ReadSigned(ReadOnlySpan<byte> buffer, ref int offset)
    {
        ulong n = ReadUnsigned(buffer, ref offset);
        return (long)(n >> 1) ^ -(long)(n & 1);
    }

    public static void WriteUnsigned(ulong value, CqlWriter writer)
    {
        int bits = 64 - BitOperations.LeadingZeroCount(value | 1);
        // Each extra byte adds 8 value bits and costs one bit of the first byte: n extra bytes hold 7 * (n + 1) + ... bits.
        int extra = bits <= 7 ? 0 : Math.Min((bits - 1) / 7, 8);
        Span<byte> span = writer.GetSpan(9);
        for (int i = extra; i > 0; i--)
        {
            span[i] = (byte)value;
            value >>= 8;
        }

        span[0] = extra == 8 ? (byte)0xFF : (byte)((0xFF00 >> extra) | (int)value);
        writer.Advance(extra + 1);
    }

    public static void WriteSigned(long value, CqlWriter writer) => WriteUnsigned((ulong)((value >> 63) ^ (value << 1)), writer);
}
