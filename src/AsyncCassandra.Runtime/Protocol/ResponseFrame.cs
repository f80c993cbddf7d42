using System.Buffers;

namespace AsyncCassandra.Protocol;

/// <summary>
/// One received frame: its header and its body in a buffer rented from the shared pool. Whoever ends up owning the
/// frame either keeps the buffer (a <see cref="RowSet"/> handed to user code keeps it for good) or calls
/// <see cref="Release"/> to return it.
/// </summary>
internal readonly struct ResponseFrame
{
    public ResponseFrame(FrameHeader header, byte[] buffer, int length)
    {
        Header = header;
        Buffer = buffer;
        Length = length;
        if (buffer.Length > 0)
        {
            ResourceCounters.FrameBufferRented();
        }
    }

    public FrameHeader Header { get; }

    /// <summary>The body starts at index 0 of this buffer.</summary>
    public byte[] Buffer { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Body => Buffer.AsSpan(0, Length);

    public void Release()
    {
        if (Buffer.Length > 0)
        {
            ResourceCounters.FrameBufferDone();
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
