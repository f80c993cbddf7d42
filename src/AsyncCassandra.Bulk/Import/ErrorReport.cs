using System.Text;
using AsyncCassandra.Bulk.Export;
using AsyncCassandra.Bulk.Text;

namespace AsyncCassandra.Bulk.Import;

/// <summary>The CSV report of failed rows (<c>line,column,reason</c>), cut back to the checkpoint's length when resuming.</summary>
internal sealed class ErrorReport : IDisposable
{
    private readonly FileStream? _file;

    public ErrorReport(string? path, long resumeOffset)
    {
        if (path is null)
        {
            return;
        }

        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (resumeOffset > 0 && _file.Length >= resumeOffset)
        {
            _file.SetLength(resumeOffset);
            _file.Position = resumeOffset;
        }
        else
        {
            _file.SetLength(0);
            _file.Write("line,column,reason\r\n"u8);
        }
    }

    public long Offset => _file?.Position ?? 0;

    public void Write(IReadOnlyList<ImportError> errors, bool durable)
    {
        if (_file is null || errors.Count == 0 && !durable)
        {
            return;
        }

        using var line = new ByteBuilder();
        foreach (ImportError error in errors)
        {
            line.Clear();
            line.Append(error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            line.Append((byte)',');
            if (error.Column is not null)
            {
                CsvRowEncoder.WriteField(line, Encoding.UTF8.GetBytes(error.Column));
            }

            line.Append((byte)',');
            CsvRowEncoder.WriteField(line, Encoding.UTF8.GetBytes(error.Reason));
            line.Append("\r\n"u8);
            _file.Write(line.WrittenSpan);
        }

        _file.Flush(flushToDisk: durable);
    }

    public void Dispose() => _file?.Dispose();
}
