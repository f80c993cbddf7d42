using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// A Rows result (spec §4.2.5.2) decoded to value offsets: the column specs, the body buffer the values stay in, and one
/// offset per value (of its [bytes] length prefix). Values are decoded only when read, so a page costs one buffer and one
/// offsets array, not an object per value.
/// </summary>
internal readonly struct RowsResult
{
    /// <summary>Results up to this size copy their bytes out of the pooled receive buffer (see <see cref="ResultBuffers.Owned"/>).</summary>
    public const int SmallBody = 4096;

    private static readonly ColumnDefinitions NoColumns = new([]);

    private readonly int[] _cells;

    /// <summary>Whether the pooled frame buffer held is still counted by <see cref="ResourceCounters"/> (a recycling consumer's result).</summary>
    private bool CountedBuffer { get; init; }

    private RowsResult(ColumnDefinitions columns, byte[] buffer, bool pooledBuffer, int[] cells, bool pooledCells, int rowCount, byte[]? pagingState)
    {
        Columns = columns;
        Buffer = buffer;
        PooledBuffer = pooledBuffer;
        _cells = cells;
        PooledCells = pooledCells;
        RowCount = rowCount;
        PagingState = pagingState;
    }

    /// <summary>A result with no columns and no rows (what Void, Set_keyspace and Schema_change results read as).</summary>
    public static RowsResult Empty => new(NoColumns, [], false, [], false, 0, null);

    public ColumnDefinitions Columns { get; }

    public int RowCount { get; }

    /// <summary>Where the next page starts; null on the last page.</summary>
    public byte[]? PagingState { get; }

    private byte[] Buffer { get; }

    private bool PooledBuffer { get; }

    private bool PooledCells { get; }

    /// <summary>The bytes of one value; false when it is null (a negative [bytes] length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public bool TryGetRawValue(int row, int column, out ReadOnlySpan<byte> value)
    {
        int offset = _cells[(row * Columns.Count) + column];
        int length = BinaryPrimitives.ReadInt32BigEndian(Buffer.AsSpan(offset, 4));
        if (length < 0)
        {
            value = default;
            return false;
        }

        value = new ReadOnlySpan<byte>(Buffer, offset + 4, length);
        return true;
    }

    /// <summary>Returns the pooled arrays this result holds (under <see cref="ResultBuffers.Recycled"/>); the result must not be read afterwards.</summary>
    public void Release()
    {
        if (PooledBuffer && Buffer.Length > 0)
        {
            if (CountedBuffer)
            {
                ResourceCounters.FrameBufferDone();
            }

            ArrayPool<byte>.Shared.Return(Buffer);
        }

        if (PooledCells && _cells.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_cells);
        }
    }

    /// <summary>
    /// Reads the rows content that follows rows metadata: an [int] row count, then count × columns [bytes]. Only the
    /// offset of each value is recorded. <paramref name="keepsBuffer"/> says whether the result now owns the frame's
    /// pooled buffer (otherwise the caller returns it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RowsResult Read(ref CqlReader reader, in ResponseFrame frame, in RowsMetadata metadata, ColumnDefinitions? knownColumns, ResultBuffers ownership, out bool keepsBuffer)
    {
        ColumnDefinitions columns = metadata.Columns ?? knownColumns
            ?? throw new ProtocolException("The server sent rows without metadata, but this statement has no cached result metadata to read them with.");
        if (columns.Count != metadata.ColumnCount)
        {
            // Only possible when the server skipped the metadata: the table changed since the statement was prepared
            // (CASSANDRA-10786: another client's re-prepare keeps the id, so this client never hears UNPREPARED).
            throw new StaleResultMetadataException(metadata.ColumnCount, columns.Count);
        }

        int rowCount = reader.ReadInt();
        int columnCount = metadata.ColumnCount;
        if (columnCount == 0 && rowCount != 0)
        {
            // Rows of no columns carry no bytes, so no length check can bound their count (2^31 of them would pass it).
            throw new ProtocolException($"Malformed rows result: {rowCount} rows without a column (spec §4.2.5.2).");
        }

        long cellCount = (long)rowCount * columnCount;
        // Every value takes at least its 4-byte length, so a count larger than the bytes left is malformed.
        if (rowCount < 0 || cellCount * 4 > reader.Remaining)
        {
            throw new ProtocolException($"Malformed rows result: {rowCount} rows of {columnCount} columns cannot fit in the {reader.Remaining} bytes left (spec §4.2.5.2).");
        }

        bool recycled = ownership == ResultBuffers.Recycled;
        byte[] buffer;
        if (rowCount == 0)
        {
            // An empty page must not hold the receive buffer.
            buffer = [];
        }
        else if (frame.Length <= SmallBody && !recycled)
        {
            // A small result keeps an exact copy: the pooled array goes back to the pool instead of being held (and
            // lost to it) by a result that anyone may keep.
            buffer = frame.Pooled ? frame.Body.ToArray() : frame.Buffer; // unpooled: already an exact array of its own
        }
        else
        {
            buffer = frame.Buffer;
        }

        // Large pages, and results whose consumer recycles them, take their offsets array from the pool (it goes back on
        // Release); other small results allocate it.
        bool pooledCells = cellCount > 256 || (recycled && cellCount > 0);
        int[] cells = cellCount == 0 ? [] : pooledCells ? ArrayPool<int>.Shared.Rent((int)cellCount) : new int[cellCount];
        try
        {
            for (int i = 0; i < (int)cellCount; i++)
            {
                cells[i] = reader.ReadValueSlot(out _) - 4;
            }
        }
        catch when (pooledCells && cellCount > 0)
        {
            // A malformed value: the frame's buffer stays with the caller (who returns it), the offsets go back now.
            ArrayPool<int>.Shared.Return(cells);
            throw;
        }

        // Only a result that is whole keeps the frame's buffer: a malformed one leaves it to the caller to return.
        keepsBuffer = frame.Pooled && buffer.Length > 0 && ReferenceEquals(buffer, frame.Buffer);

        return new RowsResult(columns, buffer, keepsBuffer, cells, pooledCells && cellCount > 0, rowCount, metadata.PagingState) { CountedBuffer = keepsBuffer && recycled };
    }
}

/// <summary>
/// Rows came without metadata (skip_metadata) and with another column count than the cached result metadata: the
/// table was altered since the statement was prepared. The request pipeline runs the statement again asking for the
/// metadata, and caches the server's columns.
/// </summary>
internal sealed class StaleResultMetadataException(int serverColumns, int cachedColumns)
    : ProtocolException($"The server sent {serverColumns} columns per row but the cached result metadata has {cachedColumns}; the table was altered since the statement was prepared.")
{
    public int ServerColumns { get; } = serverColumns;

    public int CachedColumns { get; } = cachedColumns;
}
