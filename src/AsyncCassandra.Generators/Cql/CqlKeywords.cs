namespace AsyncCassandra.Generators.Cql;

/// <summary>CQL's reserved keywords: words that name a column or table only when double-quoted.</summary>
internal static class CqlKeywords
{
    // From the CQL reference (Appendix A, "reserved"). Non-reserved words such as TTL, KEY, VALUES, JSON
    // or DISTINCT stay identifiers, because tables use them as column names.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC", "AUTHORIZE", "BATCH", "BEGIN", "BY",
        "COLUMNFAMILY", "CREATE", "DELETE", "DESC", "DESCRIBE", "DROP", "ENTRIES", "EXECUTE", "FROM",
        "FULL", "GRANT", "IF", "IN", "INDEX", "INSERT", "INTO", "KEYSPACE", "LIMIT",
        "MODIFY", "NORECURSIVE", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "PRIMARY", "RENAME",
        "REPLACE", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE", "TO", "TOKEN", "TRUNCATE", "UNLOGGED",
        "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH",
    };

    public static bool IsReserved(string word) => Reserved.Contains(word);
}
