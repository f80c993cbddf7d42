using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

internal sealed partial class ClusterCore
{
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
            if (await control.RequestAsync(new QueryRequest("SELECT schema_version FROM system.local WHERE key='local'", parameters), cancellationToken).ConfigureAwait(false) is RowSet local)
            {
                foreach (Row row in local)
                {
                    if (row.Get<Guid?>(0) is { } v)
                    {
                        versions.Add(v);
                    }
                }
            }

            if (await control.RequestAsync(new QueryRequest("SELECT schema_version FROM system.peers", parameters), cancellationToken).ConfigureAwait(false) is RowSet peers)
            {
                foreach (Row row in peers)
                {
                    if (row.Get<Guid?>(0) is { } v)
                    {
                        versions.Add(v);
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
