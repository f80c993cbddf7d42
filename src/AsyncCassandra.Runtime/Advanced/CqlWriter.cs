using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace AsyncCassandra.Advanced;

/// <summary>
/// A growable, pooled, big-endian writer of the native protocol notations (spec §3). Requests are serialized into it
/// once; values are encoded straight into it by codecs, including generated ones.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class CqlWriter : IBufferWriter<byte>, IDisposable
{
    [ThreadStatic]
    private static CqlWriter? t_cached;

    private byte[] _buffer;
    private int _length;
    private bool _cacheable;

    /// <summary>
    /// A writer for short-lived use (generated repositories encode one statement's values in it): reuses the one this
    /// thread last disposed, buffer included. Dispose it when done; it must not be used afterwards.
    /// </summary>
    public static CqlWriter Rent()
    {
        CqlWriter? writer = t_cached;
        if (writer is not null)
        {
            t_cached = null;
            return writer;
        }

        return new CqlWriter() { _cacheable = true };
    }

    /// <summary>Creates a writer that rents its buffer from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public CqlWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far, as memory.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    internal Span<byte> WrittenSpanMutable => _buffer.AsSpan(0, _length);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    /// <summary>Returns the buffer to the pool. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_cacheable && _buffer.Length is > 0 and <= 4096 && t_cached is null)
        {
            _length = 0;
            t_cached = this;
            return;
        }

        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void Advance(int count) => _length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        if (_buffer.Length == 0)
        {
            throw new ObjectDisposedException(nameof(CqlWriter));
        }

        int needed = checked(_length + count);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes a [short].</summary>
    public void WriteShort(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

    /// <summary>Writes an unsigned [short].</summary>
    public void WriteUShort(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    /// <summary>Writes an [int].</summary>
    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    /// <summary>Writes a [long].</summary>
    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    /// <summary>Writes raw bytes with no length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes a [string]: [short] length and UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(2 + max);
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 2));
        if (written > ushort.MaxValue)
        {
            throw new ArgumentException($"A [string] is at most {ushort.MaxValue} UTF-8 bytes; this one is {written}.", nameof(value));
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), (ushort)written);
        _length += 2 + written;
    }

    /// <summary>Writes a [long string]: [int] length and UTF-8 bytes.</summary>
    public void WriteLongString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(4 + max);
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>Writes [bytes]: [int] length then bytes; null writes length -1.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a null [value] (length -1).</summary>
    public void WriteNullValue() => WriteInt(-1);

    /// <summary>Writes an unset [value] (length -2, protocol v4+).</summary>
    public void WriteUnsetValue() => WriteInt(-2);

    /// <summary>Writes [short bytes].</summary>
    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteUShort(checked((ushort)value.Length));
        WriteRaw(value);
    }

    /// <summary>Writes a [string list].</summary>
    public void WriteStringList(IReadOnlyList<string> values)
    {
        WriteUShort(checked((ushort)values.Count));
        for (int i = 0; i < values.Count; i++)
        {
            WriteString(values[i]);
        }
    }

    /// <summary>Writes a [string map].</summary>
    public void WriteStringMap(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        WriteUShort(checked((ushort)values.Count));
        for (int i = 0; i < values.Count; i++)
        {
            WriteString(values[i].Key);
            WriteString(values[i].Value);
        }
    }

    /// <summary>Writes a [consistency].</summary>
    public void WriteConsistency(ConsistencyLevel value) => WriteShort((short)value);

    /// <summary>Starts a length-prefixed [value]: reserves its [int] length and returns a mark for <see cref="EndValue"/>.</summary>
    public int BeginValue()
    {
        Reserve(4);
        return _length;
    }

    /// <summary>Ends a [value] started by <see cref="BeginValue"/>, writing its length.</summary>
    public void EndValue(int mark) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(mark - 4, 4), _length - mark);

    /// <summary>Drops everything written after <paramref name="length"/> (undoes a frame whose encoding failed).</summary>
    internal void Truncate(int length) => _length = Math.Min(_length, length);

    /// <summary>The capacity of the underlying buffer.</summary>
    internal int Capacity => _buffer.Length;

    /// <summary>Patches an [int] at a position already written.</summary>
    internal void PatchInt(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);
}
