using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

internal sealed partial class ClusterCore
{
    /// <summary>
    /// After a schema change, waits (up to 10 s) until every node reports the same schema version, so the next
    /// statement does not reach a node that has not seen the change. Asked on the connection to the node that made
    /// the change (its own version is the new one): another node, such as the control connection's, may not have
    /// heard of the change yet and would find the old versions in agreement. A node that is up but whose version is
    /// not known yet (null in system.peers) has not agreed. Free on a one-node cluster.
    /// </summary>
    public async Task WaitForSchemaAgreementAsync(Connection coordinator, CancellationToken cancellationToken)
    {
        if (_hosts.Count <= 1)
        {
            return;
        }

        Connection? control = coordinator.IsClosed ? _control : coordinator;
        if (control is not { IsClosed: false })
        {
            return;
        }

        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        long deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            if (await SchemaAgreesAsync(control, parameters, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        Logger.LogWarning("Schema versions did not agree within 10 s; continuing");
    }

    private async Task<bool> SchemaAgreesAsync(Connection control, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var versions = new HashSet<Guid>();
        if (await control.RequestAsync(new QueryRequest("SELECT schema_version FROM system.local WHERE key='local'", parameters), cancellationToken).ConfigureAwait(false) is RowSet local)
        {
            foreach (Row row in local)
            {
                if (row.Get<Guid?>(0) is { } version)
                {
                    versions.Add(version);
                }
            }
        }

        if (await control.RequestAsync(new QueryRequest("SELECT peer, rpc_address, schema_version FROM system.peers", parameters), cancellationToken).ConfigureAwait(false) is RowSet peers)
        {
            foreach (Row row in peers)
            {
                Host? host = PeerAddress(row) is { } address ? FindHost(address) : null;
                if (host is { IsUp: false })
                {
                    continue; // a node known to be down keeps its old version until it is back; it does not hold this up
                }

                if (row.Get<Guid?>(2) is { } version)
                {
                    versions.Add(version);
                }
                else if (host is not null)
                {
                    return false;
                }
            }
        }

        return versions.Count <= 1;
    }
}
