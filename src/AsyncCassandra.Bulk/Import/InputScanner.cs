namespace AsyncCassandra.Bulk.Import;

/// <summary>Reads an input file byte by byte through a buffer, knowing the byte offset and line number it is at.</summary>
internal sealed class InputScanner : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private long _bufferOffset;

    public InputScanner(Stream stream, long offset, long line)
    {
        _stream = stream;
        _stream.Position = offset;
        _bufferOffset = offset;
        Line = line;
        if (offset == 0 && Peek() == 0xEF)
        {
            // A UTF-8 byte order mark is not part of the first field.
            if (Fill(3) && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
            }

        }
    }

    /// <summary>The byte offset of the next byte.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>The line (1-based) of the next byte.</summary>
    public long Line { get; private set; }

    public int Peek() => Fill(1) ? _buffer[_start] : -1;

    public int Next()
    {
        if (!Fill(1))
        {
            return -1;
        }

        byte b = _buffer[_start++];
        if (b == (byte)'\n')
        {
            Line++;
        }

        return b;
    }

    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    public void Dispose() => _stream.Dispose();
}
