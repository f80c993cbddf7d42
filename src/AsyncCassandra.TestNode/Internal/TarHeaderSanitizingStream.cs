using System.Text;

namespace AsyncCassandra.Testing.Internal;

/// <summary>
/// A forward-only read stream over a tar archive that rewrites GNU base-256 numeric header fields (uid, gid,
/// mode, mtime, devmajor, devminor) to plain octal and fixes the header checksum.
/// </summary>
/// <remarks>
/// npm tarballs (old node-tar) store uid/gid in base-256; <see cref="System.Formats.Tar.TarReader"/> throws an
/// <see cref="OverflowException"/> on them (dotnet/runtime#127006). Only header blocks are touched; file data
/// passes through unchanged.
/// </remarks>
internal sealed class TarHeaderSanitizingStream(Stream inner) : Stream
{
    private const int BlockSize = 512;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;

    // (offset, length) of the numeric fields we may rewrite; size (124, 12) is parsed but never rewritten.
    private static readonly (int Offset, int Length)[] s_rewritableFields =
        [(100, 8), (108, 8), (116, 8), (136, 12), (329, 8), (337, 8)];

    private readonly byte[] _block = new byte[BlockSize];
    private int _position;
    private int _length;
    private long _dataBlocksRemaining;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position == _length)
        {
            _length = inner.ReadAtLeast(_block, BlockSize, throwOnEndOfStream: false);
            _position = 0;
            if (_length == 0)
            {
                return 0;
            }

            if (_length == BlockSize)
            {
                Inspect();
            }
        }

        var n = Math.Min(buffer.Length, _length - _position);
        _block.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Classifies the block just read: file data, an all-zero end block, or a header to sanitize.</summary>
    private void Inspect()
    {
        if (_dataBlocksRemaining > 0)
        {
            _dataBlocksRemaining--;
            return;
        }

        if (_block.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            return; // end-of-archive block
        }

        var changed = false;
        foreach (var (offset, length) in s_rewritableFields)
        {
            var field = _block.AsSpan(offset, length);
            if ((field[0] & 0x80) == 0)
            {
                continue;
            }

            var value = ReadBase256(field);
            var maxOctal = (1L << (3 * (length - 1))) - 1;
            WriteOctal(field, value is >= 0 && value <= maxOctal ? value : 0);
            changed = true;
        }

        if (changed)
        {
            var checksum = _block.AsSpan(ChecksumOffset, ChecksumLength);
            checksum.Fill((byte)' ');
            var sum = 0;
            foreach (var b in _block)
            {
                sum += b;
            }

            var text = Convert.ToString(sum, 8).PadLeft(6, '0');
            Encoding.ASCII.GetBytes(text, checksum);
            checksum[6] = 0;
            checksum[7] = (byte)' ';
        }

        var typeFlag = (char)_block[156];
        var size = typeFlag is '1' or '2' or '3' or '4' or '5' or '6' ? 0 : ReadNumber(_block.AsSpan(124, 12));
        _dataBlocksRemaining = (size + BlockSize - 1) / BlockSize;
    }

    private static long ReadNumber(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            return ReadBase256(field);
        }

        var text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        return text.Length == 0 ? 0 : Convert.ToInt64(text, 8);
    }

    private static long ReadBase256(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x40) != 0)
        {
            return -1; // negative: not meaningful for these fields
        }

        long value = field[0] & 0x3F;
        foreach (var b in field[1..])
        {
            if (value > (long.MaxValue >> 8))
            {
                return -1;
            }

            value = (value << 8) | b;
        }

        return value;
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(text.AsSpan(0, field.Length - 1), field);
        field[^1] = 0;
    }
}
