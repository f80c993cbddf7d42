namespace AsyncCassandra;

/// <summary>Quoting of CQL identifiers (keyspace, table and column names).</summary>
public static class CqlIdentifier
{
    /// <summary>
    /// The identifier as CQL text: as is when it is a plain lower-case identifier, otherwise double-quoted with
    /// embedded quotes doubled, so that any name (case, spaces) survives.
    /// </summary>
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        bool plain = name[0] is >= 'a' and <= 'z';
        foreach (char c in name)
        {
            plain &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
        }

        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
