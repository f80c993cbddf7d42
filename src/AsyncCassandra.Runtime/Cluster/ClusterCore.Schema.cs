using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

internal sealed partial class ClusterCore
{
    private static readonly string[] SchemaVersionQueries =
    [
        "SELECT schema_version FROM system.local WHERE key='local'",
        "SELECT schema_version FROM system.peers",
    ];

    /// <summary>
    /// After a schema change, waits (up to 10 s) until every node reports the same schema version, so the next
    /// statement does not reach a node that has not seen the change. Free on a one-node cluster.
    /// </summary>
    public async Task WaitForSchemaAgreementAsync(CancellationToken cancellationToken)
    {
        if (_hosts.Count <= 1 || _control is not { IsClosed: false } control)
        {
            return;
        }

        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        long deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            var versions = new HashSet<Guid>();
            foreach (string cql in SchemaVersionQueries)
            {
                if (await control.RequestAsync(new QueryRequest(cql, parameters), cancellationToken).ConfigureAwait(false) is RowSet rows)
                {
                    foreach (Row row in rows)
                    {
                        if (row.Get<Guid?>(0) is { } version)
                        {
                            versions.Add(version);
                        }
                    }
                }
            }

            if (versions.Count <= 1)
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        Logger.LogWarning("Schema versions did not agree within 10 s; continuing");
    }
}
