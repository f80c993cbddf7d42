using System.Collections;
using System.Runtime.CompilerServices;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>
/// The rows of one page of a result (every statement kind returns one; writes return an empty one). Values stay in
/// the received frame and are decoded only when read, so a page costs one buffer and one offsets array, not an object
/// per value. <see cref="PagingState"/> is null on the last page.
/// </summary>
public sealed class RowSet : IReadOnlyList<Row>
{
    /// <summary>One recycled RowSet per thread, reused by the next result whose consumer recycles it.</summary>
    [ThreadStatic]
    private static RowSet? t_spare;

    private RowsResult _result;
    private bool _reusable;
    private Row? _first; // row 0 read by index: a one-row page (a point read) needs no array of rows
    private Row?[]? _rows;
    private ResponseDetails? _details;

    private RowSet(in RowsResult result, ResponseDetails? details, bool reusable)
    {
        _result = result;
        _details = details;
        _reusable = reusable;
    }

    /// <summary>An empty result with no columns (writes, DDL, USE).</summary>
    public static RowSet Empty(Guid? tracingId = null, IReadOnlyList<string>? warnings = null) =>
        new(RowsResult.Empty, ResponseDetails.Create(tracingId, warnings, null), reusable: false);

    /// <summary>The page of a response: its rows (none for results other than Rows) and details, under the ownership the request chose.</summary>
    internal static RowSet From(in Response response, ResultBuffers ownership)
    {
        bool recycled = ownership == ResultBuffers.Recycled;
        if (recycled && response.Rows.RowCount > 0 && t_spare is { } spare)
        {
            // The consumer recycles this result: reuse the RowSet object it recycled last time on this thread.
            t_spare = null;
            spare._result = response.Rows;
            spare._details = response.Details;
            spare._reusable = true;
            return spare;
        }

        return new RowSet(response.Rows, response.Details, recycled);
    }

    /// <summary>The columns of the result.</summary>
    public ColumnDefinitions Columns => _result.Columns;

    /// <summary>Rows in this page.</summary>
    public int Count => _result.RowCount;

    /// <summary>The state to pass as a statement's <c>PagingState</c> to fetch the next page; null on the last page.</summary>
    public byte[]? PagingState => _result.PagingState;

    /// <summary>The server-side trace id when the statement had <c>EnableTracing</c>.</summary>
    public Guid? TracingId => _details?.TracingId;

    /// <summary>Warnings the server attached to the response (protocol v4+).</summary>
    public IReadOnlyList<string> Warnings => _details?.Warnings ?? [];

    /// <summary>v5: the server reported changed result metadata (Metadata_changed, §4.2.5.2); the new id.</summary>
    internal byte[]? NewResultMetadataId => _details?.NewResultMetadataId;

    /// <summary>The node that answered, as host:port.</summary>
    public string? Host { get; internal set; }

    /// <summary>The node that answered (metrics and statistics).</summary>
    internal Cluster.Host? Node { get; set; }

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

            if (index == 0)
            {
                return _first ??= new Row(this, 0);
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

    /// <summary>The raw bytes of one value; false when it is null (see <see cref="Advanced.RowSetExtensions"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal bool TryGetRawValue(int row, int column, out ReadOnlySpan<byte> value) => _result.TryGetRawValue(row, column, out value);

    /// <summary>Gives this page's buffers back to the pool (see <see cref="Advanced.RowSetExtensions.Recycle"/>).</summary>
    internal void Recycle()
    {
        RowsResult result = _result;
        if (result.RowCount == 0 && result.Columns.Count == 0)
        {
            return;
        }

        _result = RowsResult.Empty;
        result.Release();
        if (_reusable && _rows is null && _first is null)
        {
            // Only a result read for a recycling consumer (generated code), never handed out as rows, is reused.
            _reusable = false;
            _details = null;
            Host = null;
            Node = null;
            t_spare = this;
        }
    }
}
