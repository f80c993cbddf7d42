using System.Text;

namespace AsyncCassandra.Generators.Tests.Conformance;

/// <summary>
/// Reads the corpus files (tab-separated; '#' starts a comment line). In the CQL column, <c>\n</c>, <c>\t</c> and
/// <c>\\</c> stand for a newline, a tab and a backslash. valid.tsv: source, since, cql. invalid.tsv: source, id,
/// at, node, cql.
/// </summary>
public static class Corpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Conformance");

    public static IReadOnlyList<CorpusEntry> Valid() => Read("valid.tsv", 3, (fields, line) =>
        new CorpusEntry(fields[0], Unescape(fields[2]), line) { Since = fields[1] });

    public static IReadOnlyList<CorpusEntry> Invalid() => Read("invalid.tsv", 5, (fields, line) =>
        new CorpusEntry(fields[0], Unescape(fields[4]), line) { ExpectedId = fields[1], ExpectedAt = Unescape(fields[2]), Node = fields[3] });

    private static List<CorpusEntry> Read(string file, int columns, Func<string[], int, CorpusEntry> create)
    {
        var entries = new List<CorpusEntry>();
        var lines = File.ReadAllLines(Path.Combine(Directory, file));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t', columns);
            if (fields.Length != columns)
            {
                throw new InvalidDataException($"{file} line {i + 1} has {fields.Length} fields; {columns} expected.");
            }

            entries.Add(create(fields, i + 1));
        }

        return entries;
    }

    public static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                builder.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
                continue;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
