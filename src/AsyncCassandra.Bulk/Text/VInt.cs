using System.Buffers.Binary;

namespace AsyncCassandra.Bulk.Text;

/// <summary>
/// Cassandra's variable-length integers (the duration type, protocol v5 §6.27): the count of leading one bits of the
/// first byte is the number of extra bytes; signed values are zig-zag encoded.
/// </summary>
internal static class VInt
{
    public static long ReadSigned(ReadOnlySpan<byte> source, ref int position)
    {
        ulong raw = ReadUnsigned(source, ref position);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public static void WriteSigned(long value, Span<byte> scratch, out int written)
    {
        ulong zigzag = (ulong)((value << 1) ^ (value >> 63));
        WriteUnsigned(zigzag, scratch, out written);
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> source, ref int position)
    {
        if (position >= source.Length)
        {
            throw new FormatException("A duration value ends inside a variable-length integer.");
        }

        byte first = source[position++];
        int extra = System.Numerics.BitOperations.LeadingZeroCount((uint)(byte)~first) - 24;
        if (position + extra > source.Length)
        {
            throw new FormatException("A duration value ends inside a variable-length integer.");
        }

        ulong value = extra == 8 ? 0 : (ulong)(first & (0xFF >> extra));
        for (int i = 0; i < extra; i++)
        {
            value = (value << 8) | source[position++];
        }

        return value;
    }

    private static void WriteUnsigned(ulong value, Span<byte> scratch, out int written)
    {
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1);
        int extra = Math.Min(8, (bits - 1) / 7);
        Span<byte> big = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(big, value);
        scratch[0] = extra == 8 ? (byte)0xFF : (byte)((0xFF00 >> extra) & 0xFF | (int)(value >> (8 * extra)));
        big[(8 - extra)..].CopyTo(scratch[1..]);
        written = extra + 1;
    }
}
