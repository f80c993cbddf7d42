namespace AsyncCassandra.Bulk.Export;

/// <summary>A CSV or NDJSON output: finished ranges' lines are appended as they are; the committed offset is the file's length.</summary>
internal sealed class TextSink(string partialPath, RowEncoder encoder) : IExportSink
{
    private FileStream? _file;

    public long OutputBytes => _file?.Position ?? 0;

    public async Task OpenAsync(long committedOffset, CancellationToken cancellationToken)
    {
        if (committedOffset > 0)
        {
            if (!File.Exists(partialPath) || new FileInfo(partialPath).Length < committedOffset)
            {
                throw new BulkException($"The checkpoint says {committedOffset} bytes of output were written, but {partialPath} is missing or shorter. Start over with a new checkpoint path (or delete the checkpoint file).");
            }

            _file = new FileStream(partialPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
            // Whatever follows the last committed range belongs to a range that will be read again.
            _file.SetLength(committedOffset);
            _file.Position = committedOffset;
            return;
        }

        _file = new FileStream(partialPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
        var header = new System.Buffers.ArrayBufferWriter<byte>();
        encoder.WriteHeader(header);
        await _file.WriteAsync(header.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(RangeSpool spool, CancellationToken cancellationToken)
    {
        await foreach (ReadOnlyMemory<byte> block in spool.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await _file!.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> CommitAsync(bool durable, CancellationToken cancellationToken)
    {
        await _file!.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (durable)
        {
            _file.Flush(flushToDisk: true);
        }

        return _file.Position;
    }

    public async Task<long> FinishAsync(CancellationToken cancellationToken)
    {
        await _file!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        long length = _file.Length;
        await _file.DisposeAsync().ConfigureAwait(false);
        _file = null;
        return length;
    }

    public void CleanUp()
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
