using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

/// <summary>
/// The rows of one page of a result (every statement kind returns one; writes return an empty one). Values stay in
/// the received frame and are decoded only when read, so a page costs one buffer and one offsets array, not an object
/// per value. <see cref="PagingState"/> is null on the last page.
/// </summary>
public sealed class RowSet : IReadOnlyList<Row>
{
    private static readonly ColumnDefinitions NoColumns = new([]);

    /// <summary>One recycled RowSet per thread, reused by the next result whose consumer recycles it.</summary>
    [ThreadStatic]
    private static RowSet? t_spare;

    private byte[] _buffer;
    private int[] _cells;
    private int _columnCount;
    private bool _pooledCells;
    private bool _pooledBuffer;
    private bool _reusable;
    private Row?[]? _rows;
    private ResponseDetails? _details;

    private RowSet(ColumnDefinitions columns, byte[] buffer, int[] cells, int rowCount, byte[]? pagingState, bool pooledCells = false, bool pooledBuffer = false)
    {
        _pooledBuffer = pooledBuffer;
        Columns = columns;
        _buffer = buffer;
        _cells = cells;
        _pooledCells = pooledCells;
        _columnCount = columns.Count;
        Count = rowCount;
        PagingState = pagingState;
    }

    /// <summary>An empty result with no columns (writes, DDL, USE).</summary>
    public static RowSet Empty(Guid? tracingId = null, IReadOnlyList<string>? warnings = null) =>
        new(NoColumns, [], [], 0, null) { _details = ResponseDetails.Create(tracingId, warnings, null) };

    /// <summary>The columns of the result.</summary>
    public ColumnDefinitions Columns { get; private set; }

    /// <summary>Rows in this page.</summary>
    public int Count { get; private set; }

    /// <summary>The state to pass as a statement's <c>PagingState</c> to fetch the next page; null on the last page.</summary>
    public byte[]? PagingState { get; private set; }

    /// <summary>The server-side trace id when the statement had <c>EnableTracing</c>.</summary>
    public Guid? TracingId => _details?.TracingId;

    /// <summary>Warnings the server attached to the response (protocol v4+).</summary>
    public IReadOnlyList<string> Warnings => _details?.Warnings ?? [];

    /// <summary>v5: the server reported changed result metadata (Metadata_changed, §4.2.5.2); the new id.</summary>
    internal byte[]? NewResultMetadataId => _details?.NewResultMetadataId;

    /// <summary>The node that answered, as host:port.</summary>
    public string? Host { get; internal set; }

    /// <summary>
    /// For a conditional statement (<c>IF ...</c>): whether it was applied, from the <c>[applied]</c> column.
    /// True for results that have no such column.
    /// </summary>
    public bool WasApplied
    {
        get
        {
            int index = Columns.IndexOf("[applied]");
            return index < 0 || Count == 0 || this[0].Get<bool>(index);
        }
    }

    /// <summary>The row at an index of this page.</summary>
    public Row this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"This page holds {Count} rows.");
            }

            _rows ??= new Row?[Count];
            return _rows[index] ??= new Row(this, index);
        }
    }

    /// <summary>A new row view over an index, not cached (streams hand each row out once).</summary>
    internal Row RowAt(int index) => new(this, index);

    /// <inheritdoc />
    public IEnumerator<Row> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The raw bytes of one value (advanced: generated readers decode from here with a codec). Returns false when the
    /// value is null.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public bool TryGetRawValue(int row, int column, out ReadOnlySpan<byte> value)
    {
        int offset = _cells[(row * _columnCount) + column];
        int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(offset, 4));
        if (length < 0)
        {
            value = default;
            return false;
        }

        value = new ReadOnlySpan<byte>(_buffer, offset + 4, length);
        return true;
    }

    /// <summary>Reads one value with a codec; a null value gives default (advanced: used by generated readers).</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Read<T>(int row, int column, CqlCodec<T> codec) =>
        TryGetRawValue(row, column, out ReadOnlySpan<byte> value) ? codec.Read(value) : default;

    /// <summary>
    /// Reads the rows content that follows rows metadata (spec §4.2.5.2): an [int] row count, then count × columns
    /// [bytes]. Only the offset of each value is recorded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RowSet Read(ref CqlReader reader, byte[] buffer, bool pooledBuffer, int bodyOffset, in RowsMetadata metadata, ColumnDefinitions? knownColumns, Guid? tracingId, IReadOnlyList<string> warnings, bool recycled = false)
    {
        ColumnDefinitions columns = metadata.Columns ?? knownColumns
            ?? throw new ProtocolException("The server sent rows without metadata, but this statement has no cached result metadata to read them with.");
        if (columns.Count != metadata.ColumnCount)
        {
            throw new ProtocolException($"The server sent {metadata.ColumnCount} columns per row but the cached metadata has {columns.Count}; the statement must be prepared again.");
        }

        int rowCount = reader.ReadInt();
        int columnCount = metadata.ColumnCount;
        long cellCount = (long)rowCount * columnCount;
        // Every value takes at least its 4-byte length, so a count larger than the bytes left is malformed.
        if (rowCount < 0 || cellCount * 4 > reader.Remaining)
        {
            throw new ProtocolException($"Malformed rows result: {rowCount} rows of {columnCount} columns cannot fit in the {reader.Remaining} bytes left (spec §4.2.5.2).");
        }

        if (rowCount == 0)
        {
            // The caller returns the receive buffer at once; an empty page must not hold it.
            buffer = [];
            pooledBuffer = false;
        }

        // Large pages, and results whose consumer recycles them, take their offsets array from the pool (it goes back
        // on Recycle); other small results allocate it.
        bool pooled = cellCount > 256 || (recycled && cellCount > 0);
        int[] cells = cellCount == 0 ? [] : pooled ? ArrayPool<int>.Shared.Rent((int)cellCount) : new int[cellCount];
        for (int i = 0; i < (int)cellCount; i++)
        {
            cells[i] = bodyOffset + reader.ReadValueSlot(out _) - 4;
        }

        ResponseDetails? details = ResponseDetails.Create(tracingId, warnings, metadata.NewMetadataId);
        if (recycled && t_spare is { } spare)
        {
            // The consumer recycles this result: reuse the RowSet object it recycled last time on this thread.
            t_spare = null;
            spare.Columns = columns;
            spare._buffer = buffer;
            spare._cells = cells;
            spare._columnCount = columns.Count;
            spare.Count = rowCount;
            spare.PagingState = metadata.PagingState;
            spare._pooledCells = pooled;
            spare._pooledBuffer = pooledBuffer;
            spare._details = details;
            spare._reusable = true;
            return spare;
        }

        return new RowSet(columns, buffer, cells, rowCount, metadata.PagingState, pooled, pooledBuffer) { _details = details, _reusable = recycled };
    }

    /// <summary>
    /// Gives this page's buffers back to the shared pool (advanced: generated repositories call it once they have
    /// mapped every row). The <see cref="RowSet"/>, and every <see cref="Row"/> taken from it, must not be used
    /// afterwards. Idempotent. User code that hands pages or rows around should simply let them be collected.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public void Recycle()
    {
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (_pooledBuffer && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        int[] cells = Interlocked.Exchange(ref _cells, []);
        if (_pooledCells && cells.Length > 0)
        {
            ArrayPool<int>.Shared.Return(cells);
        }

        if (_reusable && buffer.Length + cells.Length > 0 && _rows is null)
        {
            // Only a result read for a recycling consumer (generated code), never handed out as rows, is reused.
            _reusable = false;
            Count = 0;
            PagingState = null;
            _details = null;
            Host = null;
            t_spare = this;
        }
    }
}

/// <summary>The rarely present parts of a response (trace id, warnings, v5 new metadata id), kept out of line.</summary>
internal sealed record ResponseDetails(Guid? TracingId, IReadOnlyList<string> Warnings, byte[]? NewResultMetadataId)
{
    public static ResponseDetails? Create(Guid? tracingId, IReadOnlyList<string>? warnings, byte[]? newResultMetadataId) =>
        tracingId is null && (warnings is null || warnings.Count == 0) && newResultMetadataId is null
            ? null
            : new ResponseDetails(tracingId, warnings ?? [], newResultMetadataId);
}
