using System.Globalization;
using System.Text;

namespace AsyncCassandra.Bulk.Import;

/// <summary>
/// Where an import stands, as an append-only log (each line made durable): a header naming the job, then
/// <c>at OFFSET LINE ROWS ERRORS REPORT_OFFSET</c> lines (every record before OFFSET is done), then <c>complete</c>.
/// The last whole line wins; one cut short by a kill is ignored.
/// </summary>
internal sealed class ImportCheckpoint : IAsyncDisposable
{
    private const string Magic = "asynccassandra-bulk-checkpoint 1";
    private readonly FileStream? _file;

    private ImportCheckpoint(FileStream? file) => _file = file;

    public ImportPosition Position { get; private set; }

    public bool IsComplete { get; private set; }

    public static async Task<ImportCheckpoint> OpenAsync(string? path, string job, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return new ImportCheckpoint(null);
        }

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096);
        var checkpoint = new ImportCheckpoint(file);
        byte[] content = new byte[file.Length];
        await file.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        int whole = Array.LastIndexOf(content, (byte)'\n') + 1;
        string[] lines = Encoding.UTF8.GetString(content, 0, whole).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2)
        {
            file.SetLength(0);
            await checkpoint.AppendAsync($"{Magic}\njob {job}\n", cancellationToken).ConfigureAwait(false);
            return checkpoint;
        }

        if (lines[0] != Magic || lines[1] != "job " + job)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw new BulkException($"The checkpoint {path} belongs to another job ({(lines[0] == Magic ? lines[1] : "not a checkpoint of this library")}), not to {job}. Resume with the same input, table and format, or give a new checkpoint path to start over.");
        }

        foreach (string line in lines.Skip(2))
        {
            string[] parts = line.Split(' ');
            if (parts[0] == "at" && parts.Length == 6)
            {
                checkpoint.Position = new ImportPosition(Long(parts[1]), Long(parts[2]), Long(parts[3]), Long(parts[4]), Long(parts[5]));
            }
            else if (parts[0] == "complete")
            {
                checkpoint.IsComplete = true;
            }
        }

        file.SetLength(whole);
        file.Position = whole;
        return checkpoint;

        static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
    }

    public bool IsDurable => _file is not null;

    public Task RecordAsync(ImportPosition position, CancellationToken cancellationToken)
    {
        Position = position;
        return AppendAsync(string.Create(CultureInfo.InvariantCulture, $"at {position.Offset} {position.Line} {position.Rows} {position.Errors} {position.ReportOffset}\n"), cancellationToken);
    }

    public Task MarkCompleteAsync(CancellationToken cancellationToken)
    {
        IsComplete = true;
        return AppendAsync("complete\n", cancellationToken);
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

/// <summary>Every record before <see cref="Offset"/> (line <see cref="Line"/>) is done: <see cref="Rows"/> written, <see cref="Errors"/> reported (the report up to <see cref="ReportOffset"/>).</summary>
internal readonly record struct ImportPosition(long Offset, long Line, long Rows, long Errors, long ReportOffset);
