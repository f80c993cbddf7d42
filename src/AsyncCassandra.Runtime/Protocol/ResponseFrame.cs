using System.Buffers;

namespace AsyncCassandra.Protocol;

/// <summary>
/// One received frame: its header and its body in a buffer rented from the shared pool. Whoever ends up owning the
/// frame either keeps the buffer (a <see cref="RowSet"/> handed to user code keeps it for good) or calls
/// <see cref="Release"/> to return it. A small rows result for a caller that keeps its result is read into an exact
/// array of its own instead (<see cref="Pooled"/> false): nothing to return, and the result keeps it without a copy.
/// </summary>
internal readonly struct ResponseFrame
{
    public ResponseFrame(FrameHeader header, byte[] buffer, int length, bool pooled = true)
    {
        Header = header;
        Buffer = buffer;
        Length = length;
        Pooled = pooled;
        if (pooled && buffer.Length > 0)
        {
            ResourceCounters.FrameBufferRented();
        }
    }

    public FrameHeader Header { get; }

    /// <summary>The body starts at index 0 of this buffer.</summary>
    public byte[] Buffer { get; }

    public int Length { get; }

    /// <summary>Whether <see cref="Buffer"/> is rented from the shared pool (otherwise it is exactly the body, and nobody returns it).</summary>
    public bool Pooled { get; }

    public ReadOnlySpan<byte> Body => Buffer.AsSpan(0, Length);

    public void Release()
    {
        if (Pooled && Buffer.Length > 0)
        {
            ResourceCounters.FrameBufferDone();
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
