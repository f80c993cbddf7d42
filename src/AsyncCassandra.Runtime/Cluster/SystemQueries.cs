using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Cluster;

/// <summary>Reads the system tables over a connection of the cluster's own (control traffic, consistency ONE).</summary>
internal static class SystemQueries
{
    private static readonly QueryParameters One = new() { Consistency = ConsistencyLevel.One };

    /// <summary>
    /// The rows of a query (empty for a result without rows). A node that does not answer within
    /// <paramref name="timeout"/> is a <see cref="ConnectionException"/>: discovery must never wait forever on a node
    /// that said READY and then went silent.
    /// </summary>
    public static Task<RowSet> QueryAsync(Connection connection, string cql, TimeSpan timeout, CancellationToken cancellationToken) =>
        QueryAsync(connection, new QueryRequest(cql, One), cql, timeout, cancellationToken);

    /// <summary>The rows of a query with bound values (names from the client's own state, never spliced into the text).</summary>
    public static Task<RowSet> QueryAsync(Connection connection, string cql, object?[] values, TimeSpan timeout, CancellationToken cancellationToken) =>
        QueryAsync(connection, new QueryRequest(cql, new QueryParameters { Consistency = ConsistencyLevel.One, Values = new ObjectValues(values, null) }), cql, timeout, cancellationToken);

    private static async Task<RowSet> QueryAsync(Connection connection, QueryRequest request, string cql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            Response response = await connection.RequestAsync(request, bounded.Token).ConfigureAwait(false);
            return RowSet.From(response, ResultBuffers.Owned);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionException($"{connection.EndpointName} did not answer \"{cql}\" within {timeout.TotalSeconds:0.###} s.") { Host = connection.EndpointName };
        }
    }

    /// <summary>Servers before 3.0 keep schema in system.schema_*; later ones in system_schema.*.</summary>
    public static bool LegacySchemaTables(string? releaseVersion) =>
        releaseVersion is null || releaseVersion.StartsWith("1.", StringComparison.Ordinal) || releaseVersion.StartsWith("2.", StringComparison.Ordinal);
}
