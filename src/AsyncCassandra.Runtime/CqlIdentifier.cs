namespace AsyncCassandra;

/// <summary>Quoting of CQL identifiers (keyspace, table and column names).</summary>
public static class CqlIdentifier
{
    /// <summary>
    /// The identifier as CQL text: as is when it is a plain lower-case identifier that is not a reserved word,
    /// otherwise double-quoted with embedded quotes doubled, so that any name (case, spaces, <c>select</c>) survives.
    /// </summary>
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        bool plain = name[0] is >= 'a' and <= 'z';
        foreach (char c in name)
        {
            plain &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
        }

        return plain && !Reserved.Contains(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>CQL's reserved keywords (Cassandra 5.0's Parser.g and documentation): they are names only when quoted.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily", "create",
        "default", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant", "if", "in",
        "index", "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "mbean", "mbeans", "modify",
        "nan", "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace", "revoke",
        "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset", "update", "use", "using",
        "view", "where", "with",
    };
}
