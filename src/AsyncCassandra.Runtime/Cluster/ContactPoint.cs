using System.Globalization;

namespace AsyncCassandra.Cluster;

/// <summary>Parses "host", "host:port", "[v6]:port" contact points.</summary>
internal static class ContactPoint
{
    public static (string Host, int Port) Parse(string value, int defaultPort)
    {
        string text = value.Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("A contact point is empty.");
        }

        if (text[0] == '[')
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"Contact point '{value}' opens '[' without ']'.");
            }

            string host = text[1..close];
            if (host.Length == 0)
            {
                throw new ArgumentException($"Contact point '{value}' has an empty address between '[' and ']'.");
            }

            if (close + 1 == text.Length)
            {
                return (host, defaultPort);
            }

            if (text[close + 1] != ':')
            {
                throw new ArgumentException($"Contact point '{value}' has '{text[(close + 1)..]}' after ']'; expected ':port' or nothing.");
            }

            return (host, ParsePort(text[(close + 2)..], value));
        }

        int colon = text.LastIndexOf(':');
        if (colon == 0)
        {
            throw new ArgumentException($"Contact point '{value}' has a port but no host; write 'host:port'.");
        }

        if (colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            return (text[..colon], ParsePort(text[(colon + 1)..], value));
        }

        return (text, defaultPort);
    }

    private static int ParsePort(string port, string value) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and <= 65535
            ? p
            : throw new ArgumentException($"Contact point '{value}' has an invalid port '{port}'.");
}
