namespace AsyncCassandra;

/// <summary>A CREATE statement named a keyspace or table that already exists (0x2400). Use IF NOT EXISTS to make it idempotent.</summary>
public class AlreadyExistsException : InvalidQueryException
{
    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException(string message, string keyspace, string table) : base(message)
    {
        Keyspace = keyspace;
        Table = table;
    }

    /// <summary>The keyspace that exists, or holds the table that exists.</summary>
    public string Keyspace { get; }

    /// <summary>The table that exists; empty when the keyspace itself exists.</summary>
    public string Table { get; }
}
