using System.Text;

namespace AsyncCassandra.Connections;

/// <summary>
/// The peer answered the first request with bytes that are no native protocol frame (an HTTP server, a proxy, another
/// service on the port): a failure of that host only, never a refused protocol version.
/// </summary>
internal sealed class NotCassandraException : ConnectionException
{
    public NotCassandraException(string endpoint, ReadOnlySpan<byte> firstBytes)
        : base($"{endpoint} did not answer as Cassandra: its reply began with {Describe(firstBytes)}, which is no native protocol frame. " +
               "Check that the contact point's port is the node's native transport port (9042 by default, CassandraOptions.Port) " +
               "and that no other service or proxy answers there.")
    {
        Host = endpoint;
    }

    /// <summary>The bytes as text when they are printable (an HTTP status line reads as one), else as hex.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        bool printable = true;
        foreach (byte b in bytes)
        {
            printable &= b is >= 0x20 and < 0x7F;
        }

        return printable
            ? "\"" + Encoding.ASCII.GetString(bytes) + "\""
            : "0x" + Convert.ToHexString(bytes);
    }
}
