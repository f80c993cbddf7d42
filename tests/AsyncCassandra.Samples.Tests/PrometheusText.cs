using System.Globalization;

namespace AsyncCassandra.Samples.Tests;

/// <summary>Reads samples out of Prometheus' text exposition format.</summary>
public static class PrometheusText
{
    /// <summary>Every sample of a metric (name without labels), with its label text and value.</summary>
    public static IEnumerable<(string Labels, double Value)> Samples(string text, string metric)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = line[metric.Length..];
            string labels = string.Empty;
            if (rest.StartsWith('{'))
            {
                int close = ClosingBrace(rest);
                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue;
            }

            string[] parts = rest.Trim().Split(' ');
            yield return (labels, double.Parse(parts[0], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The brace that closes the label set: label values are quoted and may hold braces (http_route="/users/{id}").</summary>
    private static int ClosingBrace(string text)
    {
        bool quoted = false;
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '}' && !quoted)
            {
                return i;
            }
        }

        throw new FormatException("A label set does not close: " + text);
    }

    public static double Sum(string text, string metric) => Samples(text, metric).Sum(s => s.Value);
}
