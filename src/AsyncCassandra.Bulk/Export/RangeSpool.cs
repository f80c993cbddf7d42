using System.Buffers;

namespace AsyncCassandra.Bulk.Export;

/// <summary>
/// One range's encoded rows until the range is finished and appended to the output whole: in pooled memory up to a
/// limit, then in a temporary file beside the output (so memory stays bounded whatever a range holds).
/// </summary>
internal sealed class RangeSpool : IBufferWriter<byte>, IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly List<(byte[] Buffer, int Count)> _chunks = [];
    private readonly string _spillPath;
    private readonly int _memoryLimit;
    private byte[] _current;
    private int _used;
    private FileStream? _spill;

    public RangeSpool(string spillPath, int memoryLimit)
    {
        _spillPath = spillPath;
        _memoryLimit = memoryLimit;
        _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    /// <summary>Bytes written.</summary>
    public long Length { get; private set; }

    /// <summary>Rows written.</summary>
    public long Rows { get; set; }

    public void Advance(int count)
    {
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_used);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Ensure(1);
            int take = Math.Min(bytes.Length, _current.Length - _used);
            bytes[..take].CopyTo(_current.AsSpan(_used));
            Advance(take);
            bytes = bytes[take..];
        }
    }

    private void Ensure(int sizeHint)
    {
        if (_current.Length - _used >= Math.Max(sizeHint, 1))
        {
            return;
        }

        Seal();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, sizeHint));
        _used = 0;
    }

    /// <summary>Keeps the current chunk (or, past the memory limit, writes everything so far to the spill file).</summary>
    private void Seal()
    {
        if (_used == 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
            return;
        }

        if (_spill is null && Length > _memoryLimit)
        {
            _spill = new FileStream(_spillPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            foreach ((byte[] chunk, int count) in _chunks)
            {
                _spill.Write(chunk, 0, count);
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
        }

        if (_spill is not null)
        {
            _spill.Write(_current, 0, _used);
            ArrayPool<byte>.Shared.Return(_current);
        }
        else
        {
            _chunks.Add((_current, _used));
        }
    }

    /// <summary>The bytes written, in order, as a sequence of memory blocks (reading the spill file if there is one).</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_spill is not null)
        {
            _spill.Position = 0;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await _spill.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    yield return buffer.AsMemory(0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            yield return _current.AsMemory(0, _used);
            yield break;
        }

        foreach ((byte[] chunk, int count) in _chunks)
        {
            yield return chunk.AsMemory(0, count);
        }

        yield return _current.AsMemory(0, _used);
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((byte[] chunk, _) in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        if (_current.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = [];
        }

        if (_spill is not null)
        {
            await _spill.DisposeAsync().ConfigureAwait(false);
            _spill = null;
        }
    }
}
