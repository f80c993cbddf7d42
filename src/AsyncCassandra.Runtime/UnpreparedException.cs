namespace AsyncCassandra;

/// <summary>
/// The node does not know a prepared statement id (0x2500), usually because it restarted. The session re-prepares
/// and retries transparently; this surfaces only when re-preparing fails.
/// </summary>
public class UnpreparedException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    public UnpreparedException(string message, byte[] preparedId) : base(message)
    {
        PreparedId = preparedId;
    }

    /// <summary>The statement id the node did not know.</summary>
    public byte[] PreparedId { get; }
}
