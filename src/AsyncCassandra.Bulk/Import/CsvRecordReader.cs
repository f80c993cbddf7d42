using System.Text;
using AsyncCassandra.Bulk.Text;

namespace AsyncCassandra.Bulk.Import;

/// <summary>
/// RFC 4180 records: comma-separated fields, quoted fields may hold commas, doubled quotes and line breaks; records
/// end with CRLF or LF. An unquoted empty field is null, a quoted one (<c>""</c>) is empty.
/// </summary>
internal sealed class CsvRecordReader(InputScanner scanner) : IRecordReader
{
    private readonly ByteBuilder _field = new();

    /// <summary>Reads the header row: the column names.</summary>
    public List<string> ReadHeader()
    {
        var fields = new List<string?>();
        if (!ReadFields(fields, out string? error))
        {
            throw new BulkException("The CSV input is empty: it needs a header row of column names.");
        }

        if (error is not null || fields.Any(f => string.IsNullOrEmpty(f)))
        {
            throw new BulkException($"The CSV header row is not a list of column names: {error ?? "an empty name"}.");
        }

        return [.. fields.Select(f => f!)];
    }

    /// <summary>Reads the next record into <paramref name="record"/>; false at the end of the input.</summary>
    public bool Read(InputRecord record, IReadOnlyList<string> names)
    {
        var fields = new List<string?>(names.Count);
        long line;
        string? error;
        do
        {
            line = scanner.Line;
            if (!ReadFields(fields, out error))
            {
                return false;
            }
        }
        while (error is null && fields.Count == 1 && fields[0] is null);

        record.Line = line;
        record.EndOffset = scanner.Position;
        record.NextLine = scanner.Line;
        record.Error = error is not null ? new ImportError(line, null, error)
            : fields.Count != names.Count ? new ImportError(line, null, $"The record has {fields.Count} field(s); the header has {names.Count}.")
            : null;
        for (int i = 0; i < names.Count; i++)
        {
            record.Values[i] = i < fields.Count ? fields[i] : null;
        }

        return true;
    }

    /// <summary>One record's fields; false at the end of the input.</summary>
    private bool ReadFields(List<string?> fields, out string? error)
    {
        fields.Clear();
        error = null;
        if (scanner.Peek() < 0)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            bool quoted = false;
            int c = scanner.Next();
            if (c == '"')
            {
                quoted = true;
                while (true)
                {
                    c = scanner.Next();
                    if (c < 0)
                    {
                        error = "A quoted field is not closed before the end of the input.";
                        fields.Add(Decode(quoted));
                        return true;
                    }

                    if (c == '"')
                    {
                        if (scanner.Peek() == '"')
                        {
                            scanner.Next();
                            _field.Append((byte)'"');
                            continue;
                        }

                        break;
                    }

                    _field.Append((byte)c);
                }

                c = scanner.Next();
            }
            else
            {
                while (c >= 0 && c != ',' && c != '\n' && !(c == '\r' && scanner.Peek() == '\n'))
                {
                    _field.Append((byte)c);
                    c = scanner.Next();
                }
            }

            if (c == '\r' && scanner.Peek() == '\n')
            {
                c = scanner.Next();
            }

            fields.Add(Decode(quoted));
            if (c == ',')
            {
                continue;
            }

            if (c is '\n' or < 0)
            {
                return true;
            }

            // Text after a closing quote: skip to the end of the record and report it.
            error ??= "A quoted field is followed by text before the next comma (a quote inside a field must be doubled).";
            while (c >= 0 && c != '\n')
            {
                c = scanner.Next();
            }

            return true;
        }
    }

    private string? Decode(bool quoted) => !quoted && _field.Length == 0 ? null : Encoding.UTF8.GetString(_field.WrittenSpan);

    public void Dispose() => _field.Dispose();
}
