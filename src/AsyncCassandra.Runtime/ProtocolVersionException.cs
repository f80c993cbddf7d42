namespace AsyncCassandra;

/// <summary>
/// Protocol version negotiation failed: the server speaks no version this client supports, or it speaks
/// only versions below <see cref="CassandraOptions.MinimumProtocolVersion"/>.
/// </summary>
public class ProtocolVersionException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolVersionException(string message, int? serverVersion = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerVersion = serverVersion;
    }

    /// <summary>The highest version the server accepted, when known.</summary>
    public int? ServerVersion { get; }
}
