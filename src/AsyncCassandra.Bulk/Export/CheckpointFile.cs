using System.Globalization;
using System.Numerics;
using System.Text;

namespace AsyncCassandra.Bulk.Export;

/// <summary>
/// An append-only log of finished work, each line made durable (fsync) after the data it describes: a header naming
/// the job, then one <c>done</c> line per finished range (with the output's committed length after it), then
/// <c>complete</c>. A line cut short by a kill is ignored on reading. Without a path, the same bookkeeping happens in
/// memory only.
/// </summary>
internal sealed class CheckpointFile : IAsyncDisposable
{
    private const string Magic = "asynccassandra-bulk-checkpoint 1";
    private readonly FileStream? _file;
    private readonly List<(BigInteger Start, BigInteger End)> _done = [];

    private CheckpointFile(FileStream? file) => _file = file;

    public IReadOnlyList<(BigInteger Start, BigInteger End)> Done => _done;

    /// <summary>The output's length after the last finished range (0: nothing committed yet).</summary>
    public long CommittedOffset { get; private set; }

    /// <summary>Rows in the finished ranges.</summary>
    public long CommittedRows { get; private set; }

    /// <summary>Whether the whole job was finished.</summary>
    public bool IsComplete { get; private set; }

    public bool IsDurable => _file is not null;

    public static async Task<CheckpointFile> OpenAsync(string? path, string job, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return new CheckpointFile(null);
        }

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096);
        var checkpoint = new CheckpointFile(file);
        try
        {
            await checkpoint.LoadAsync(path, job, cancellationToken).ConfigureAwait(false);
            return checkpoint;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task LoadAsync(string path, string job, CancellationToken cancellationToken)
    {
        FileStream file = _file!;
        byte[] content = new byte[file.Length];
        await file.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        int complete = Array.LastIndexOf(content, (byte)'\n') + 1;
        string[] lines = Encoding.UTF8.GetString(content, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2)
        {
            // New (or killed before its header was durable): start it.
            file.SetLength(0);
            await AppendAsync($"{Magic}\njob {job}\n", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (lines[0] != Magic)
        {
            throw new BulkException($"{path} is not a checkpoint file of this library. Give another --checkpoint path, or delete the file to start over.");
        }

        if (lines[1] != "job " + job)
        {
            throw new BulkException($"The checkpoint {path} belongs to another job ({lines[1]["job ".Length..]}), not to {job}. Resume with the same keyspace, table, columns, format and shard, or give a new checkpoint path to start over.");
        }

        foreach (string line in lines.Skip(2))
        {
            string[] parts = line.Split(' ');
            if (parts[0] == "done" && parts.Length == 5)
            {
                _done.Add((BigInteger.Parse(parts[1], CultureInfo.InvariantCulture), BigInteger.Parse(parts[2], CultureInfo.InvariantCulture)));
                CommittedRows += long.Parse(parts[3], CultureInfo.InvariantCulture);
                CommittedOffset = long.Parse(parts[4], CultureInfo.InvariantCulture);
            }
            else if (parts[0] == "complete")
            {
                IsComplete = true;
            }
        }

        // Drop a line cut short by a kill, so the next line starts cleanly.
        file.SetLength(complete);
        file.Position = complete;
    }

    /// <summary>Records finished ranges once the output holds them durably up to <paramref name="offset"/>.</summary>
    public async Task RecordAsync(IReadOnlyList<(Ranges.ScanRange Range, long Rows)> finished, long offset, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach ((Ranges.ScanRange range, long rows) in finished)
        {
            _done.Add((range.Start, range.End));
            CommittedRows += rows;
            text.Append(CultureInfo.InvariantCulture, $"done {range.Start} {range.End} {rows} {offset}\n");
        }

        CommittedOffset = offset;
        await AppendAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkCompleteAsync(CancellationToken cancellationToken)
    {
        IsComplete = true;
        await AppendAsync("complete\n", cancellationToken).ConfigureAwait(false);
    }

    private async Task AppendAsync(string text, CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            return;
        }

        await _file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
