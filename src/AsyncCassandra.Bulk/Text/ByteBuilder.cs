using System.Buffers;
using System.Text;

namespace AsyncCassandra.Bulk.Text;

/// <summary>A growable UTF-8 byte buffer that text forms are written into (pooled, reused per worker).</summary>
internal sealed class ByteBuilder : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;

    public ByteBuilder(int capacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    public void Append(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends text (ASCII or not) as UTF-8.</summary>
    public void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(Length));
    }

    /// <summary>Appends a value that formats itself as UTF-8 (numbers, dates).</summary>
    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format = default)
        where T : IUtf8SpanFormattable
    {
        int size = 32;
        while (true)
        {
            Ensure(size);
            if (value.TryFormat(_buffer.AsSpan(Length), out int written, format, System.Globalization.CultureInfo.InvariantCulture))
            {
                Length += written;
                return;
            }

            size *= 2;
        }
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= _buffer.Length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + extra));
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
