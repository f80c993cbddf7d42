using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace AsyncCassandra.Protocol;

/// <summary>
/// Reads the notations of spec §3 ([int], [string], [bytes], [option], ...) from a frame body, big-endian and
/// bounds-checked: a short or malformed body raises <see cref="ProtocolException"/>, never an index error.
/// </summary>
internal ref struct CqlReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public CqlReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly ReadOnlySpan<byte> RemainingSpan => _buffer.Slice(_position);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowTruncated(count);
        }

        ReadOnlySpan<byte> span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly void ThrowTruncated(int count) =>
        throw new ProtocolException($"Malformed frame body: needed {count} bytes at offset {_position} but only {_buffer.Length - _position} remain. The connection is closed.");

    public byte ReadByte() => Take(1)[0];

    public short ReadShort() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public void Skip(int count) => Take(count);

    /// <summary>[string]: a [short] n, then n bytes of UTF-8.</summary>
    public string ReadString()
    {
        int length = ReadUShort();
        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>[long string]: an [int] n, then n bytes of UTF-8.</summary>
    public string ReadLongString()
    {
        int length = ReadInt();
        if (length < 0)
        {
            throw new ProtocolException($"Malformed frame body: negative [long string] length {length} at offset {_position - 4}.");
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>[bytes]: an [int] n, then n bytes; n &lt; 0 means null.</summary>
    public byte[]? ReadBytes()
    {
        int length = ReadInt();
        return length < 0 ? null : Take(length).ToArray();
    }

    /// <summary>[bytes] as a slice of the body: returns the offset of the value within the body and its length (-1 null, -2 unset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public int ReadValueSlot(out int length)
    {
        length = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        int offset = _position;
        if (length > 0)
        {
            Take(length);
        }
        else if (length < -2)
        {
            throw new ProtocolException($"Malformed frame body: value length {length} at offset {_position - 4} (only -1 null and -2 unset are negative lengths, spec §3).");
        }

        return offset;
    }

    /// <summary>[short bytes]: a [short] n, then n bytes.</summary>
    public byte[] ReadShortBytes()
    {
        int length = ReadUShort();
        return Take(length).ToArray();
    }

    /// <summary>[string list]: a [short] n, then n [string].</summary>
    public List<string> ReadStringList()
    {
        int count = ReadUShort();
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(ReadString());
        }

        return list;
    }

    /// <summary>[string multimap]: a [short] n, then n pairs of [string] and [string list].</summary>
    public Dictionary<string, List<string>> ReadStringMultimap()
    {
        int count = ReadUShort();
        var map = new Dictionary<string, List<string>>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadStringList();
        }

        return map;
    }

    /// <summary>[bytes map]: a [short] n, then n pairs of [string] and [bytes] (v4+ custom payload).</summary>
    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        int count = ReadUShort();
        var map = new Dictionary<string, byte[]?>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadBytes();
        }

        return map;
    }

    /// <summary>[inetaddr]: one byte n (4 or 16), then n address bytes.</summary>
    public IPAddress ReadInetAddr()
    {
        int size = ReadByte();
        if (size != 4 && size != 16)
        {
            throw new ProtocolException($"Malformed [inetaddr]: address length {size}, expected 4 or 16 (spec §3).");
        }

        return new IPAddress(Take(size));
    }

    /// <summary>[inet]: an [inetaddr] then an [int] port.</summary>
    public IPEndPoint ReadInet()
    {
        IPAddress address = ReadInetAddr();
        int port = ReadInt();
        if ((uint)port > 65535)
        {
            throw new ProtocolException($"Malformed [inet]: port {port} is outside 0..65535 (spec §3).");
        }

        return new IPEndPoint(address, port);
    }

    public ConsistencyLevel ReadConsistency() => (ConsistencyLevel)ReadShort();

    /// <summary>[uuid]: 16 bytes in RFC 4122 (big-endian) order.</summary>
    public Guid ReadUuid() => new(Take(16), bigEndian: true);
}
