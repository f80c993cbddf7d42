using System.Runtime.ExceptionServices;
using AsyncCassandra.Cluster.Routing;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

/// <summary>
/// The cluster's own connection to one node: it discovers the nodes (system.local, system.peers), the token ring and
/// the keyspaces' replication, and listens for the server's topology, status and schema events to keep them current.
/// When it is lost it moves to another node, with backoff.
/// </summary>
internal sealed class ControlConnection : IAsyncDisposable
{
    private static readonly RegisterRequest Events = new(["TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE"]);
    private readonly CassandraOptions _options;
    private readonly ConnectionFactory _factory;
    private readonly Topology _topology;
    private readonly TokenRouting _routing;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly EventDebouncer _topologyRefresh;
    private readonly EventDebouncer _keyspacesRefresh;
    private Connection? _connection;
    private int _reconnecting;
    private long _schemaGeneration;

    public ControlConnection(CassandraOptions options, ConnectionFactory factory, Topology topology, TokenRouting routing, ILogger logger)
    {
        _options = options;
        _factory = factory;
        _topology = topology;
        _routing = routing;
        _logger = logger;
        PartitionKeys = new PartitionKeyCache(routing, () => (Connection, ReleaseVersion), options.RequestTimeout, logger, _disposed.Token);
        _topologyRefresh = new EventDebouncer(options.TopologyEventDelay, RefreshTopologyAsync, _disposed.Token);
        _keyspacesRefresh = new EventDebouncer(options.SchemaEventDelay, RefreshKeyspacesAsync, _disposed.Token);
    }

    /// <summary>The connection, while open.</summary>
    public Connection? Connection => Volatile.Read(ref _connection) is { IsClosed: false } open ? open : null;

    /// <summary>The node it is on.</summary>
    public Host? Host { get; private set; }

    /// <summary>The Cassandra version of that node (which schema tables it has).</summary>
    public string? ReleaseVersion { get; private set; }

    /// <summary>
    /// How many schema changes this client has heard of (events, and its own DDL through <see cref="NoteSchemaChange"/>).
    /// A prepared statement whose cached result columns are older asks the server for them again (skip_metadata off).
    /// </summary>
    public long SchemaGeneration => Volatile.Read(ref _schemaGeneration);

    /// <summary>A schema change happened (an event or this client's own DDL): cached result metadata may be stale.</summary>
    public void NoteSchemaChange() => Interlocked.Increment(ref _schemaGeneration);

    /// <summary>The v3 partition keys of tables, read over this connection and forgotten on schema events.</summary>
    public PartitionKeyCache PartitionKeys { get; }

    /// <summary>
    /// Connects to the first node that answers: the contact points on first use, the known nodes after. A node that is
    /// down, speaks no version this client accepts, or is not Cassandra at all (a wrong port, a proxy) fails only itself.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        List<Host> candidates = _topology.IsEmpty
            ? await _topology.AddContactPointsAsync(cancellationToken).ConfigureAwait(false)
            : _topology.QueryPlan().ToList();
        var errors = new NodeErrors();
        foreach (Host host in candidates)
        {
            try
            {
                Connection connection = await _factory.OpenAsync(host, null, cancellationToken).ConfigureAwait(false);
                try
                {
                    host.ResolvedAddress ??= connection.RemoteAddress;
                    await RefreshAsync(connection, host, cancellationToken).ConfigureAwait(false);
                    connection.EventReceived += OnEvent;
                    await connection.RequestAsync(Events, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                Host = host;
                Connection? previous = Interlocked.Exchange(ref _connection, connection);
                _ = connection.Closed.ContinueWith(static (_, state) => { var (self, c) = ((ControlConnection, Connection))state!; self.OnClosed(c); }, (this, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                if (previous is not null)
                {
                    await previous.DisposeAsync().ConfigureAwait(false);
                }

                if (_disposed.IsCancellationRequested)
                {
                    // A reconnect that finished while the cluster was disposed: nobody else will close it.
                    await CloseAsync().ConfigureAwait(false);
                }

                return;
            }
            catch (Exception ex) when (ex is ConnectionException or ProtocolVersionException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                errors.Add(host.Endpoint, ex);
                host.MarkDown(ex.Message);
            }
        }

        if (errors.Count > 0 && errors.All.Values.All(e => e is ProtocolVersionException))
        {
            // Every node answered, none in a version this client (or MinimumProtocolVersion) accepts: say that.
            ExceptionDispatchInfo.Throw(errors.All.Values.First());
        }

        throw errors.NoHostAvailable(
            $"be reached among the contact points ({string.Join(", ", candidates.Select(h => h.Endpoint))})",
            "Check that Cassandra is running there and that CassandraOptions.ContactPoints, Port and Ssl are right.");
    }

    /// <summary>Reads system.local and system.peers (data centres, racks, versions, tokens), then the ring and the keyspaces.</summary>
    private async Task RefreshAsync(Connection connection, Host contacted, CancellationToken cancellationToken)
    {
        RowSet local = await SystemQueries.QueryAsync(connection, "SELECT cluster_name, data_center, rack, release_version, partitioner, tokens FROM system.local WHERE key='local'", _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (local.Count > 0)
        {
            _topology.ApplyLocal(local[0], contacted);
            ReleaseVersion = contacted.ReleaseVersion;
            _routing.SetPartitioner(local[0].Get<string?>("partitioner"));
        }

        _topology.ApplyPeers(await SystemQueries.QueryAsync(connection, "SELECT peer, rpc_address, data_center, rack, release_version, tokens FROM system.peers", _options.RequestTimeout, cancellationToken).ConfigureAwait(false), contacted);
        await _routing.RebuildAsync(cancellationToken).ConfigureAwait(false);
        await _routing.RefreshKeyspacesAsync(connection, ReleaseVersion, cancellationToken).ConfigureAwait(false);
        CassandraLog.ClusterDiscovered(_logger, _topology.ClusterName, _topology.Count, _topology.LocalDatacenter);
    }

    /// <summary>
    /// A server event (on the thread pool, never on the reader loop). Events are hints, not facts: a node is added or
    /// removed only by re-reading system.peers, once per <see cref="CassandraOptions.TopologyEventDelay"/> however many
    /// events arrive; a status change only moves a node the client already knows; schema events re-read the keyspaces
    /// once per <see cref="CassandraOptions.SchemaEventDelay"/>.
    /// </summary>
    private void OnEvent(EventResponse e)
    {
        if (e.SchemaChange is { } schema)
        {
            OnSchemaChange(schema);
            return;
        }

        if (e.Address is null)
        {
            return;
        }

        switch (e.Type, e.Change)
        {
            case ("STATUS_CHANGE", "UP"):
                if (_topology.FindHost(e.Address.Address) is { } up)
                {
                    CassandraLog.StatusEvent(_logger, up.Endpoint, "UP");
                    up.MarkUp();
                }
                else
                {
                    _topologyRefresh.Signal();
                }

                break;
            case ("STATUS_CHANGE", "DOWN"):
                if (_topology.FindHost(e.Address.Address) is { } down)
                {
                    CassandraLog.StatusEvent(_logger, down.Endpoint, "DOWN");
                    down.MarkDown("the cluster sent STATUS_CHANGE DOWN");
                }

                break;
            case ("TOPOLOGY_CHANGE", _):
                // NEW_NODE, REMOVED_NODE, MOVED_NODE: the peers table says who is in the ring and with which tokens.
                _topologyRefresh.Signal();
                break;
        }
    }

    /// <summary>Re-reads the nodes and the ring on the control connection (debounced topology events).</summary>
    private Task RefreshTopologyAsync(CancellationToken cancellationToken) =>
        Connection is { } connection && Host is { } host ? RefreshAsync(connection, host, cancellationToken) : Task.CompletedTask;

    /// <summary>A keyspace change re-reads replication (debounced); a table change forgets the table's partition key at once.</summary>
    private void OnSchemaChange(SchemaChange change)
    {
        NoteSchemaChange();
        if (change.Target == "KEYSPACE")
        {
            PartitionKeys.Forget(change.Keyspace, null);
            _keyspacesRefresh.Signal();
        }
        else if (change.Target == "TABLE" && change.Name is { } table)
        {
            PartitionKeys.Forget(change.Keyspace, table);
        }
    }

    /// <summary>Re-reads the keyspaces' replication now (after a schema change this client made and waited for).</summary>
    public Task RefreshKeyspacesAsync(CancellationToken cancellationToken) =>
        Connection is { } connection ? _routing.RefreshKeyspacesAsync(connection, ReleaseVersion, cancellationToken) : Task.CompletedTask;

    /// <summary>Topology refreshes run so far (tests).</summary>
    internal int TopologyRefreshes => _topologyRefresh.Runs;

    /// <summary>The connection closed: unless it was replaced or closed on purpose, reconnect (to any node) with backoff.</summary>
    private void OnClosed(Connection closed)
    {
        if (_disposed.IsCancellationRequested || !ReferenceEquals(Volatile.Read(ref _connection), closed) || Interlocked.Exchange(ref _reconnecting, 1) == 1)
        {
            return;
        }

        // A connection that closed right after opening counts as a failed attempt: wait before the first retry.
        int failures = Environment.TickCount64 - closed.OpenedTicks < Reconnection.HealthyLifetimeMs ? 1 : 0;
        _ = Task.Run(async () =>
        {
            try
            {
                while (!_disposed.IsCancellationRequested)
                {
                    if (failures > 0)
                    {
                        TimeSpan delay = Reconnection.Backoff(failures, _options);
                        await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                        CassandraLog.ControlConnectionReconnecting(_logger, failures + 1, Math.Round(delay.TotalSeconds, 1));
                    }

                    try
                    {
                        await ConnectAsync(_disposed.Token).ConfigureAwait(false);
                        return;
                    }
                    catch (CassandraException ex)
                    {
                        CassandraLog.ControlConnectionLost(_logger, failures + 1, ex.Message);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !_disposed.IsCancellationRequested)
                    {
                        // Whatever a broken node makes the discovery throw, topology tracking must go on.
                        CassandraLog.ControlConnectionFailed(_logger, failures + 1, ex);
                    }

                    failures++;
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Volatile.Write(ref _reconnecting, 0);
            }
        });
    }

    /// <summary>Closes the connection and stops reconnecting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the current connection (a failed start-up check), leaving the object usable for a later connect.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            connection.EventReceived -= OnEvent;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
