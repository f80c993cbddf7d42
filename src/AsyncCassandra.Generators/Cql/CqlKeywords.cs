namespace AsyncCassandra.Generators.Cql;

/// <summary>CQL's reserved keywords: words that name a column or table only when double-quoted.</summary>
internal static class CqlKeywords
{
    // The keywords of Cassandra 5.0's Lexer.g that Parser.g's unreserved_keyword rule does not accept as names
    // (TTL, KEY, VALUES, JSON, DISTINCT, REPLACE, the type names... stay identifiers: tables use them as columns).
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC", "AUTHORIZE", "BATCH", "BEGIN", "BY", "COLUMNFAMILY", "CREATE",
        "DELETE", "DESC", "DESCRIBE", "DROP", "ENTRIES", "EXECUTE", "FROM", "FULL", "GRANT", "IF", "IN", "INDEX",
        "INFINITY", "INSERT", "INTO", "IS", "KEYSPACE", "LIMIT", "MATERIALIZED", "MODIFY", "NAN", "NORECURSIVE", "NOT",
        "NULL", "OF", "ON", "OR", "ORDER", "PRIMARY", "RENAME", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE", "TO",
        "TOKEN", "TRUNCATE", "UNLOGGED", "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH",
    };

    public static bool IsReserved(string word) => Reserved.Contains(word);
}
