using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Cluster;

/// <summary>Reads the system tables over a connection of the cluster's own (control traffic, consistency ONE).</summary>
internal static class SystemQueries
{
    private static readonly QueryParameters One = new() { Consistency = ConsistencyLevel.One };

    /// <summary>The rows of a query (empty for a result without rows).</summary>
    public static async Task<RowSet> QueryAsync(Connection connection, string cql, CancellationToken cancellationToken)
    {
        Response response = await connection.RequestAsync(new QueryRequest(cql, One), cancellationToken).ConfigureAwait(false);
        return RowSet.From(response, ResultBuffers.Owned);
    }

    /// <summary>The rows of a query with bound values (names from the client's own state, never spliced into the text).</summary>
    public static async Task<RowSet> QueryAsync(Connection connection, string cql, object?[] values, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, Values = new ObjectValues(values, null) };
        Response response = await connection.RequestAsync(new QueryRequest(cql, parameters), cancellationToken).ConfigureAwait(false);
        return RowSet.From(response, ResultBuffers.Owned);
    }

    /// <summary>Servers before 3.0 keep schema in system.schema_*; later ones in system_schema.*.</summary>
    public static bool LegacySchemaTables(string? releaseVersion) =>
        releaseVersion is null || releaseVersion.StartsWith("1.", StringComparison.Ordinal) || releaseVersion.StartsWith("2.", StringComparison.Ordinal);
}
