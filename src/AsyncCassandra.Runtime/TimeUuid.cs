using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AsyncCassandra;

/// <summary>Version 1 (time-based) UUIDs for <c>timeuuid</c> columns (RFC 4122 §4.2).</summary>
public static class TimeUuid
{
    // 100 ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch.
    private const long GregorianOffset = 0x01B21DD213814000L;
    private static readonly byte[] Node = CreateNode();
    private static long _lastTicks;

    /// <summary>A new time UUID for now; successive calls in one process are strictly increasing in time.</summary>
    public static Guid NewId() => NewId(DateTimeOffset.UtcNow);

    /// <summary>A time UUID for a given instant (random clock sequence and node).</summary>
    public static Guid NewId(DateTimeOffset instant)
    {
        long ticks = ((instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) + GregorianOffset);
        long last;
        do
        {
            last = Volatile.Read(ref _lastTicks);
            if (ticks <= last)
            {
                ticks = last + 1;
            }
        }
        while (Interlocked.CompareExchange(ref _lastTicks, ticks, last) != last);

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)ticks);                     // time_low
        BinaryPrimitives.WriteUInt16BigEndian(bytes.Slice(4), (ushort)(ticks >> 32));   // time_mid
        BinaryPrimitives.WriteUInt16BigEndian(bytes.Slice(6), (ushort)(((ticks >> 48) & 0x0FFF) | 0x1000)); // version 1
        RandomNumberGenerator.Fill(bytes.Slice(8, 2));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);                                     // RFC 4122 variant
        Node.CopyTo(bytes.Slice(10));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The instant a version 1 UUID was made at.</summary>
    public static DateTimeOffset GetTimestamp(Guid timeUuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        timeUuid.TryWriteBytes(bytes, bigEndian: true, out _);
        if ((bytes[6] >> 4) != 1)
        {
            throw new ArgumentException($"{timeUuid} is a version {bytes[6] >> 4} UUID, not a time UUID (version 1).", nameof(timeUuid));
        }

        long ticks = BinaryPrimitives.ReadUInt32BigEndian(bytes)
            | ((long)BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(4)) << 32)
            | ((long)(BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(6)) & 0x0FFF) << 48);
        return new DateTimeOffset(ticks - GregorianOffset + DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.Zero);
    }

    private static byte[] CreateNode()
    {
        byte[] node = RandomNumberGenerator.GetBytes(6);
        node[0] |= 0x01; // multicast bit: a random node id, not a MAC address (RFC 4122 §4.5)
        return node;
    }
}
