using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

/// <summary>
/// After a schema change, waits (up to 10 s) until every node reports the same schema version, so the next statement
/// does not reach a node that has not seen the change. Asked on the connection to the node that made the change (its
/// own version is the new one): another node, such as the control connection's, may not have heard of the change yet
/// and would find the old versions in agreement. A node that is up but whose version is not known yet (null in
/// system.peers) has not agreed; a node known to be down does not hold the wait up. Free on a one-node cluster.
/// </summary>
internal sealed class SchemaAgreement
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private readonly Topology _topology;
    private readonly Func<Connection?> _control;
    private readonly ILogger _logger;
    private readonly TimeSpan _queryTimeout;

    public SchemaAgreement(Topology topology, Func<Connection?> control, TimeSpan queryTimeout, ILogger logger)
    {
        _queryTimeout = queryTimeout;
        _topology = topology;
        _control = control;
        _logger = logger;
    }

    public async Task WaitAsync(Connection coordinator, CancellationToken cancellationToken)
    {
        if (_topology.Count <= 1)
        {
            return;
        }

        Connection? connection = coordinator.IsClosed ? _control() : coordinator;
        if (connection is not { IsClosed: false })
        {
            return;
        }

        long started = Environment.TickCount64;
        long deadline = started + (long)MaxWait.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (await AgreesAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                CassandraLog.SchemaAgreed(_logger, connection.EndpointName, Environment.TickCount64 - started);
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        CassandraLog.SchemaDisagreement(_logger, MaxWait.TotalSeconds, connection.EndpointName);
    }

    private async Task<bool> AgreesAsync(Connection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<Guid>();
        foreach (Row row in await SystemQueries.QueryAsync(connection, "SELECT schema_version FROM system.local WHERE key='local'", _queryTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (row.Get<Guid?>(0) is { } version)
            {
                versions.Add(version);
            }
        }

        foreach (Row row in await SystemQueries.QueryAsync(connection, "SELECT peer, rpc_address, schema_version FROM system.peers", _queryTimeout, cancellationToken).ConfigureAwait(false))
        {
            Host? host = Topology.PeerAddress(row) is { } address ? _topology.FindHost(address) : null;
            if (host is { IsUp: false })
            {
                continue; // a node known to be down keeps its old version until it is back
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

        return versions.Count <= 1;
    }
}
