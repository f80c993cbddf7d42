using System.Net;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

internal sealed partial class ClusterCore
{
    private Connection? _control;
    private Host? _controlHost;

    /// <summary>The node the control connection is on (tests).</summary>
    internal Host? ControlHost => _controlHost;
    private int _controlReconnecting;

    private async Task ConnectControlAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        var candidates = new List<Host>();
        if (_hosts.IsEmpty)
        {
            foreach (string point in Options.ContactPoints)
            {
                (string address, int port) = ContactPoint.Parse(point, Options.Port);
                Host contact = _hosts.GetOrAdd($"{address}:{port}", _ => new Host(address, port));
                candidates.Add(contact);
                if (contact.ResolvedAddress is null && !IPAddress.TryParse(address, out _))
                {
                    // A name that stands for one node is that node when the system tables list it by address.
                    // (A name for several, like a Kubernetes service, is resolved by the connection that reaches one.)
                    try
                    {
                        IPAddress[] resolved = await Dns.GetHostAddressesAsync(address, cancellationToken).ConfigureAwait(false);
                        if (resolved.Length == 1)
                        {
                            contact.ResolvedAddress = resolved[0].IsIPv4MappedToIPv6 ? resolved[0].MapToIPv4() : resolved[0];
                        }
                    }
                    catch (System.Net.Sockets.SocketException)
                    {
                        // Connecting reports the name that does not resolve.
                    }
                }
            }

            HostsChanged();
        }
        else
        {
            candidates.AddRange(QueryPlan().ToList());
        }

        foreach (Host host in candidates)
        {
            try
            {
                Connection connection = Version == 0
                    ? await NegotiateAsync(host, cancellationToken).ConfigureAwait(false)
                    : await OpenConnectionAsync(host, null, cancellationToken).ConfigureAwait(false);
                if (Version == 0)
                {
                    Version = connection.Version;
                }

                host.ResolvedAddress ??= connection.RemoteAddress;

                await RefreshTopologyAsync(connection, host, cancellationToken).ConfigureAwait(false);
                connection.EventReceived += OnEvent;
                await connection.RequestAsync(new RegisterRequest(["TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE"]), cancellationToken).ConfigureAwait(false);
                _ = connection.Closed.ContinueWith(_ => OnControlClosed(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _controlHost = host;
                Connection? previous = Interlocked.Exchange(ref _control, connection);
                if (previous is not null)
                {
                    await previous.DisposeAsync().ConfigureAwait(false);
                }

                return;
            }
            catch (Exception ex) when (ex is ConnectionException or ProtocolVersionException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // One contact point that is down, speaks no version we do, or is not Cassandra at all (a wrong port, a
                // proxy) fails that contact point only: the next one is tried.
                errors[host.Endpoint] = ex;
                host.IsUp = false;
            }
        }

        if (errors.Count > 0 && errors.Values.All(e => e is ProtocolVersionException))
        {
            // Every node answered, none in a version this client (or MinimumProtocolVersion) accepts: say that.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors.Values.First());
        }

        throw new NoHostAvailableException(
            $"Could not connect to any contact point ({string.Join(", ", candidates.Select(h => h.Endpoint))}): " +
            string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message.TrimEnd('.')}")) +
            ". Check that Cassandra is running there and that CassandraOptions.ContactPoints, Port and Ssl are right.",
            errors);
    }

    /// <summary>Reads system.local and system.peers: data centres, racks, versions and the other nodes' addresses.</summary>
    private async Task RefreshTopologyAsync(Connection connection, Host contacted, CancellationToken cancellationToken)
    {
        var defaults = new QueryParameters { Consistency = ConsistencyLevel.One };
        if (await connection.RequestAsync(new QueryRequest("SELECT cluster_name, data_center, rack, release_version, partitioner, tokens FROM system.local WHERE key='local'", defaults), cancellationToken).ConfigureAwait(false) is RowSet local && local.Count > 0)
        {
            Row row = local[0];
            ClusterName = row.Get<string?>("cluster_name");
            contacted.Datacenter = row.Get<string?>("data_center");
            contacted.Rack = row.Get<string?>("rack");
            contacted.ReleaseVersion = row.Get<string?>("release_version");
            contacted.Tokens = row.Get<HashSet<string>?>("tokens") ?? [];
            ControlReleaseVersion = contacted.ReleaseVersion;
            LocalDatacenter ??= Options.LocalDatacenter ?? contacted.Datacenter;
            SetPartitioner(row.Get<string?>("partitioner"));
        }

        if (await connection.RequestAsync(new QueryRequest("SELECT peer, rpc_address, data_center, rack, release_version, tokens FROM system.peers", defaults), cancellationToken).ConfigureAwait(false) is RowSet peers)
        {
            foreach (Row row in peers)
            {
                IPAddress? address = PeerAddress(row);
                if (address is null)
                {
                    continue;
                }

                Host host = HostAt(address);
                host.Datacenter = row.Get<string?>("data_center");
                host.Rack = row.Get<string?>("rack");
                host.ReleaseVersion = row.Get<string?>("release_version");
                host.Tokens = row.Get<HashSet<string>?>("tokens") ?? [];
            }
        }

        HostsChanged();
        await RebuildTokenMapAsync(cancellationToken).ConfigureAwait(false);
        await RefreshKeyspacesAsync(connection, cancellationToken).ConfigureAwait(false);
        Logger.LogInformation("Cluster {Cluster}: {Count} node(s), local data centre {Dc}", ClusterName, _hosts.Count, LocalDatacenter);
    }

    private void OnEvent(EventResponse e)
    {
        if (e.SchemaChange is { } schema)
        {
            OnSchemaEvent(schema);
            return;
        }

        if (e.Address is null)
        {
            return;
        }

        string endpoint = $"{e.Address.Address}:{Options.Port}";
        switch (e.Type, e.Change)
        {
            case ("STATUS_CHANGE", "UP"):
            case ("TOPOLOGY_CHANGE", "NEW_NODE"):
                Host host = HostAt(e.Address.Address);
                HostsChanged();
                Logger.LogInformation("Node {Endpoint} is up ({Change})", endpoint, e.Change);
                host.MarkUp();
                if (e.Change == "NEW_NODE" && _control is { } control && _controlHost is { } controlHost)
                {
                    // system.local describes the control node, not the new one: pass the node the connection is on.
                    RefreshTopologyAsync(control, controlHost, _disposed.Token).Forget();
                }

                break;
            case ("STATUS_CHANGE", "DOWN"):
                if (FindHost(e.Address.Address) is { } down)
                {
                    Logger.LogInformation("Node {Endpoint} is down", endpoint);
                    down.IsUp = false;
                }

                break;
            case ("TOPOLOGY_CHANGE", "REMOVED_NODE"):
                if (FindHost(e.Address.Address) is { } removed)
                {
                    _hosts.TryRemove(new KeyValuePair<string, Host>(KeyOf(removed), removed));
                }

                HostsChanged();
                RebuildTokenMapAsync(_disposed.Token).Forget();
                break;
            case ("TOPOLOGY_CHANGE", "MOVED_NODE"):
                if (_control is { } controlForMove && _controlHost is { } movedVia)
                {
                    // Its tokens changed: read the ring again.
                    RefreshTopologyAsync(controlForMove, movedVia, _disposed.Token).Forget();
                }

                break;
        }
    }

    /// <summary>A system.peers row's address for clients: rpc_address, or peer when that is unset or a wildcard.</summary>
    private static IPAddress? PeerAddress(Row row)
    {
        IPAddress? address = row.Get<IPAddress?>("rpc_address");
        return address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? row.Get<IPAddress?>("peer")
            : address;
    }

    /// <summary>The known node at an address (by its key, or by the address a connection to it reached), or a new one.</summary>
    private Host HostAt(IPAddress address) =>
        FindHost(address) ?? _hosts.GetOrAdd($"{address}:{Options.Port}", _ => new Host(address.ToString(), Options.Port));

    /// <summary>The known node at an address, whatever name or spelling it was added under.</summary>
    private Host? FindHost(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_hosts.TryGetValue($"{address}:{Options.Port}", out Host? known))
        {
            return known;
        }

        foreach (Host host in _hosts.Values)
        {
            if (host.Port == Options.Port && (address.Equals(host.ResolvedAddress) || (IPAddress.TryParse(host.Address, out IPAddress? parsed) && address.Equals(parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed))))
            {
                return host;
            }
        }

        return null;
    }

    /// <summary>The dictionary key a node was added under.</summary>
    private string KeyOf(Host host)
    {
        foreach (KeyValuePair<string, Host> entry in _hosts)
        {
            if (ReferenceEquals(entry.Value, host))
            {
                return entry.Key;
            }
        }

        return host.Endpoint;
    }

    private void OnControlClosed()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _controlReconnecting, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            TimeSpan delay = Options.ReconnectBaseDelay;
            try
            {
                while (!_disposed.IsCancellationRequested)
                {
                    try
                    {
                        await ConnectControlAsync(_disposed.Token).ConfigureAwait(false);
                        return;
                    }
                    catch (CassandraException ex)
                    {
                        Logger.LogWarning("Control connection lost; reconnecting in {Delay} s: {Error}", delay.TotalSeconds, ex.Message);
                    }

                    await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.ReconnectMaxDelay.Ticks));
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Volatile.Write(ref _controlReconnecting, 0);
            }
        });
    }
}
