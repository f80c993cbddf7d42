using System.Text.Json;
using AsyncCassandra.Bulk.Text;

namespace AsyncCassandra.Bulk.Import;

/// <summary>One JSON object per line, keyed by column name; blank lines are skipped.</summary>
internal sealed class NdjsonRecordReader(InputScanner scanner) : IRecordReader
{
    private readonly ByteBuilder _line = new();

    public bool Read(InputRecord record, IReadOnlyList<string> names)
    {
        long line;
        do
        {
            line = scanner.Line;
            if (scanner.Peek() < 0)
            {
                return false;
            }

            _line.Clear();
            int c;
            while ((c = scanner.Next()) >= 0 && c != '\n')
            {
                _line.Append((byte)c);
            }

            if (_line.Length > 0 && _line.WrittenSpan[^1] == (byte)'\r')
            {
                _line.Truncate(_line.Length - 1);
            }
        }
        while (_line.WrittenSpan.Trim(" \t"u8).IsEmpty);

        record.Line = line;
        record.EndOffset = scanner.Position;
        record.NextLine = scanner.Line;
        record.Error = null;
        Array.Fill(record.Missing, true);
        Array.Clear(record.Json);
        Array.Clear(record.Values);
        try
        {
            record.Document = JsonDocument.Parse(_line.WrittenSpan.ToArray());
        }
        catch (JsonException ex)
        {
            record.Error = new ImportError(line, null, $"The line is not JSON: {ex.Message}");
            return true;
        }

        JsonElement root = record.Document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            record.Error = new ImportError(line, null, "The line is not a JSON object of column names and values.");
            return true;
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            int index = IndexOf(names, property.Name);
            if (index < 0)
            {
                record.Error = new ImportError(line, property.Name, $"The table has no column '{property.Name}'; its columns are {string.Join(", ", names)}.");
                return true;
            }

            record.Missing[index] = false;
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                record.Json[index] = property.Value;
            }
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose() => _line.Dispose();
}
