using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace AsyncCassandra.ServerModel;

/// <summary>Reads the notations of spec §3 (big-endian) from a message body.</summary>
public sealed class WireReader(byte[] buffer, int offset = 0, int? end = null)
{
    private readonly int _end = end ?? buffer.Length;

    public int Position { get; private set; } = offset;

    public int Remaining => _end - Position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new ModelProtocolException($"the message ends early: {count} bytes wanted at offset {Position}, {Remaining} left");
        }

        var span = new ReadOnlySpan<byte>(buffer, Position, count);
        Position += count;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public ushort ReadShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadShort()));

    public string ReadLongString() => Encoding.UTF8.GetString(Take(ReadInt()));

    /// <summary>[bytes]: null when the length is negative.</summary>
    public byte[]? ReadBytes()
    {
        int length = ReadInt();
        return length < 0 ? null : Take(length).ToArray();
    }

    public byte[] ReadShortBytes() => Take(ReadShort()).ToArray();

    /// <summary>[value] (v4+): -1 null, -2 not set (returned as <see cref="NotSet"/>).</summary>
    public byte[]? ReadValue()
    {
        int length = ReadInt();
        if (length == -2)
        {
            return NotSet;
        }

        if (length < -2)
        {
            throw new ModelProtocolException($"invalid [value] length {length}");
        }

        return length < 0 ? null : Take(length).ToArray();
    }

    public List<string> ReadStringList()
    {
        int n = ReadShort();
        var list = new List<string>(n);
        for (int i = 0; i < n; i++)
        {
            list.Add(ReadString());
        }

        return list;
    }

    public Dictionary<string, string> ReadStringMap()
    {
        int n = ReadShort();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string key = ReadString();
            map[key] = ReadString();
        }

        return map;
    }

    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        int n = ReadShort();
        var map = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string key = ReadString();
            map[key] = ReadBytes();
        }

        return map;
    }

    /// <summary>The marker for a [value] of length -2 (v4 §3: "not set").</summary>
    public static readonly byte[] NotSet = new byte[1];
}

/// <summary>Writes the notations of spec §3 (big-endian) into a growing buffer.</summary>
public sealed class WireWriter
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        Span<byte> span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public WireWriter Byte(int value)
    {
        Grow(1)[0] = (byte)value;
        return this;
    }

    public WireWriter Short(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), checked((ushort)value));
        return this;
    }

    public WireWriter Int(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);
        return this;
    }

    public WireWriter Long(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);
        return this;
    }

    public WireWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        return this;
    }

    public WireWriter String(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        return Short(bytes.Length).Raw(bytes);
    }

    public WireWriter LongString(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        return Int(bytes.Length).Raw(bytes);
    }

    public WireWriter Bytes(byte[]? value) => value is null ? Int(-1) : Int(value.Length).Raw(value);

    public WireWriter ShortBytes(byte[] value) => Short(value.Length).Raw(value);

    public WireWriter StringList(IReadOnlyCollection<string> values)
    {
        Short(values.Count);
        foreach (string value in values)
        {
            String(value);
        }

        return this;
    }

    public WireWriter StringMultimap(IReadOnlyDictionary<string, string[]> map)
    {
        Short(map.Count);
        foreach (KeyValuePair<string, string[]> entry in map)
        {
            String(entry.Key).StringList(entry.Value);
        }

        return this;
    }

    /// <summary>[inet]: address size, address bytes, [int] port.</summary>
    public WireWriter Inet(IPAddress address, int port)
    {
        byte[] bytes = address.GetAddressBytes();
        return Byte(bytes.Length).Raw(bytes).Int(port);
    }
}

/// <summary>A request the model cannot parse: answered with PROTOCOL_ERROR (spec §8, code 0x000A).</summary>
public sealed class ModelProtocolException(string message) : Exception(message)
{
}
