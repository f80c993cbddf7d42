using System.Buffers.Binary;
using Parquet;
using Parquet.Schema;

namespace AsyncCassandra.Bulk.Export;

/// <summary>
/// A Parquet output. Finished ranges arrive as raw rows and are decoded into the row group being filled. A Parquet
/// file cannot be continued after a kill (its footer comes last), so with a checkpoint the raw rows are also appended
/// to <c>FILE.rows</c>, which the checkpoint's offsets refer to; a resumed run rebuilds the Parquet file from it and
/// goes on.
/// </summary>
internal sealed class ParquetSink : IExportSink
{
    private readonly string _partialPath;
    private readonly string? _rowsPath;
    private readonly ParquetColumn[] _columns;
    private readonly int _rowGroupSize;
    private FileStream? _output;
    private FileStream? _rows;
    private ParquetWriter? _writer;
    private int _buffered;
    private byte[] _carry = [];

    public long OutputBytes => _output?.Position ?? 0;

    public ParquetSink(string partialPath, string? rowsPath, IReadOnlyList<string> names, IReadOnlyList<CqlType> types, int rowGroupSize)
    {
        _partialPath = partialPath;
        _rowsPath = rowsPath;
        _rowGroupSize = rowGroupSize;
        _columns = [.. names.Select((name, i) => ParquetColumn.For(name, types[i], rowGroupSize))];
    }

    public async Task OpenAsync(long committedOffset, CancellationToken cancellationToken)
    {
        _output = new FileStream(_partialPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
        _writer = await ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(c => (Field)c.Field)), _output, new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,
            // Parquet.Net pools its buffers without a limit unless told one; these keep an export's memory bounded.
            MaximumSmallPoolFreeBytes = 8 << 20,
            MaximumLargePoolFreeBytes = 32 << 20,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_rowsPath is null)
        {
            return;
        }

        if (committedOffset > 0)
        {
            if (!File.Exists(_rowsPath) || new FileInfo(_rowsPath).Length < committedOffset)
            {
                throw new BulkException($"The checkpoint says {committedOffset} bytes of rows were kept, but {_rowsPath} is missing or shorter. Start over with a new checkpoint path (or delete the checkpoint file).");
            }

            _rows = new FileStream(_rowsPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
            _rows.SetLength(committedOffset);
            // Rebuild the Parquet file from the rows earlier runs committed.
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = await _rows.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await DecodeAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            _rows.Position = committedOffset;
            return;
        }

        _rows = new FileStream(_rowsPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
    }

    public async Task AppendAsync(RangeSpool spool, CancellationToken cancellationToken)
    {
        await foreach (ReadOnlyMemory<byte> block in spool.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_rows is not null)
            {
                await _rows.WriteAsync(block, cancellationToken).ConfigureAwait(false);
            }

            await DecodeAsync(block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Decodes raw rows ([int] length and bytes per value); a row cut by the block's end waits for the next block.</summary>
    private async Task DecodeAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> data = block;
        if (_carry.Length > 0)
        {
            byte[] joined = new byte[_carry.Length + block.Length];
            _carry.CopyTo(joined, 0);
            block.CopyTo(joined.AsMemory(_carry.Length));
            data = joined;
            _carry = [];
        }

        int position = 0;
        while (true)
        {
            int end = RowEnd(data.Span, position);
            if (end < 0)
            {
                break;
            }

            AddRow(data.Span[position..end]);
            position = end;
            if (_buffered == _rowGroupSize)
            {
                await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _carry = data.Span[position..].ToArray();
    }

    /// <summary>Where the row starting at <paramref name="position"/> ends; -1 when it is not all there.</summary>
    private int RowEnd(ReadOnlySpan<byte> data, int position)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            if (position + 4 > data.Length)
            {
                return -1;
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
            position += 4 + Math.Max(0, length);
            if (position > data.Length)
            {
                return -1;
            }
        }

        return position;
    }

    private void AddRow(ReadOnlySpan<byte> row)
    {
        int position = 0;
        for (int c = 0; c < _columns.Length; c++)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(row[position..]);
            position += 4;
            _columns[c].Add(length < 0 ? default : row.Slice(position, length), length < 0, _buffered);
            position += Math.Max(0, length);
        }

        _buffered++;
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        using (ParquetRowGroupWriter group = _writer!.CreateRowGroup())
        {
            foreach (ParquetColumn column in _columns)
            {
                await column.WriteAsync(group, _buffered, cancellationToken).ConfigureAwait(false);
            }
        }

        _buffered = 0;
    }

    public async Task<long> CommitAsync(bool durable, CancellationToken cancellationToken)
    {
        if (_rows is null)
        {
            return 0;
        }

        await _rows.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (durable)
        {
            _rows.Flush(flushToDisk: true);
        }

        return _rows.Position;
    }

    public async Task<long> FinishAsync(CancellationToken cancellationToken)
    {
        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        await _writer!.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _output.Flush(flushToDisk: true);
        long length = _output.Length;
        await _output.DisposeAsync().ConfigureAwait(false);
        _output = null;
        return length;
    }

    public void CleanUp()
    {
        _rows?.Dispose();
        _rows = null;
        if (_rowsPath is not null)
        {
            File.Delete(_rowsPath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_output is not null)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }

        if (_rows is not null)
        {
            await _rows.DisposeAsync().ConfigureAwait(false);
        }
    }
}
