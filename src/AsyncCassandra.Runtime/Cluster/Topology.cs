using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Cluster;

/// <summary>
/// The nodes the client knows: the contact points, then the nodes <c>system.local</c> and <c>system.peers</c> list,
/// with their data centre, rack, version and tokens. A node is found by the address the system tables use, whatever
/// name or spelling it was first added under. Query plans walk a snapshot array that is rebuilt on every change.
/// </summary>
internal sealed class Topology
{
    private readonly ConcurrentDictionary<string, Host> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly CassandraOptions _options;
    private readonly ILogger _logger;
    private Host[] _snapshot = [];
    private int _roundRobin;

    public Topology(CassandraOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        LocalDatacenter = options.LocalDatacenter;
    }

    public IReadOnlyCollection<Host> Hosts => (IReadOnlyCollection<Host>)_hosts.Values;

    public int Count => _hosts.Count;

    public bool IsEmpty => _hosts.IsEmpty;

    /// <summary>The data centre whose nodes come first: the configured one, else the first contacted node's.</summary>
    public string? LocalDatacenter { get; private set; }

    public string? ClusterName { get; private set; }

    /// <summary>The nodes to try for a request, best first (see <see cref="Cluster.QueryPlan"/>); allocates nothing.</summary>
    public QueryPlan QueryPlan() => new(Volatile.Read(ref _snapshot), LocalDatacenter, NextStart());

    /// <summary>A plan that offers <paramref name="replicas"/> first, starting from a random one so they share the load.</summary>
    public QueryPlan QueryPlan(Host[]? replicas) => replicas is { Length: > 1 }
        ? new(Volatile.Read(ref _snapshot), LocalDatacenter, NextStart(), replicas, Random.Shared.Next(replicas.Length))
        : new(Volatile.Read(ref _snapshot), LocalDatacenter, NextStart(), replicas);

    private int NextStart() => Interlocked.Increment(ref _roundRobin) & int.MaxValue;

    /// <summary>Adds the configured contact points (once, before the first connection); a name that stands for one node is resolved.</summary>
    public async Task<List<Host>> AddContactPointsAsync(CancellationToken cancellationToken)
    {
        var contacts = new List<Host>();
        foreach (string point in _options.ContactPoints)
        {
            (string address, int port) = ContactPoint.Parse(point, _options.Port);
            Host contact = _hosts.GetOrAdd($"{address}:{port}", _ => NewHost(address, port));
            contacts.Add(contact);
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

        Changed();
        return contacts;
    }

    /// <summary>Applies the contacted node's <c>system.local</c> row (cluster name, its own data centre, rack, version, tokens).</summary>
    public void ApplyLocal(Row row, Host contacted)
    {
        ClusterName = row.Get<string?>("cluster_name");
        contacted.Datacenter = row.Get<string?>("data_center");
        contacted.Rack = row.Get<string?>("rack");
        contacted.ReleaseVersion = row.Get<string?>("release_version");
        contacted.Tokens = row.Get<HashSet<string>?>("tokens") ?? [];
        LocalDatacenter ??= contacted.Datacenter;
    }

    /// <summary>
    /// Applies the <c>system.peers</c> rows: the only way a node the client was not given becomes known (never a server
    /// event). A node must pass <see cref="CassandraOptions.AllowedNodeNetworks"/> and
    /// <see cref="CassandraOptions.ConnectToContactPointsOnly"/>, and at most <see cref="CassandraOptions.MaxNodes"/> are
    /// kept. Known nodes the table no longer lists (other than <paramref name="contacted"/>) left the cluster: they are
    /// removed, and <see cref="HostRemoved"/> tells the sessions to close their connections to them.
    /// </summary>
    public void ApplyPeers(RowSet peers, Host contacted)
    {
        var listed = new HashSet<Host> { contacted };
        int refused = 0;
        foreach (Row row in peers)
        {
            if (PeerAddress(row) is not { } address)
            {
                continue;
            }

            Host? host = FindHost(address);
            if (host is null)
            {
                if (!Allowed(address) || _hosts.Count >= _options.MaxNodes)
                {
                    refused++;
                    continue;
                }

                host = HostAt(address);
            }

            listed.Add(host);
            host.Datacenter = row.Get<string?>("data_center");
            host.Rack = row.Get<string?>("rack");
            host.ReleaseVersion = row.Get<string?>("release_version");
            host.Tokens = row.Get<HashSet<string>?>("tokens") ?? [];
        }

        if (refused > 0)
        {
            CassandraLog.NodesNotAdded(_logger, refused, _options.MaxNodes);
        }

        foreach (Host known in _hosts.Values)
        {
            if (!listed.Contains(known))
            {
                CassandraLog.HostRemoved(_logger, known.Endpoint);
                Remove(known);
            }
        }

        Changed();
    }

    /// <summary>Raised when a node leaves the known set: sessions close their pool to it.</summary>
    public event Action<Host>? HostRemoved;

    /// <summary>A known node changed state (up, down), with the state it left and why it went down.</summary>
    public event Action<Host, HostState, string?>? HostStateChanged;

    private Host NewHost(string address, int port)
    {
        var host = new Host(address, port, _options.StatisticsWindow);
        host.StateChanged += (h, previous, reason) => HostStateChanged?.Invoke(h, previous, reason);
        return host;
    }

    /// <summary>Whether the options let the client connect to a node it discovered at this address.</summary>
    private bool Allowed(IPAddress address)
    {
        if (_options.ConnectToContactPointsOnly)
        {
            return false;
        }

        if (_options.AllowedNodeNetworks.Count == 0)
        {
            return true;
        }

        IPAddress normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (string network in _options.AllowedNodeNetworks)
        {
            if (IPNetwork.TryParse(network, out IPNetwork parsed) ? parsed.Contains(normal) : IPAddress.TryParse(network, out IPAddress? single) && single.Equals(normal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A system.peers row's address for clients: rpc_address, or peer when that is unset or a wildcard.</summary>
    public static IPAddress? PeerAddress(Row row)
    {
        IPAddress? address = row.Get<IPAddress?>("rpc_address");
        return address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? row.Get<IPAddress?>("peer")
            : address;
    }

    /// <summary>The known node at an address (by its key, or by the address a connection to it reached), or a new one.</summary>
    private Host HostAt(IPAddress address)
    {
        if (FindHost(address) is { } known)
        {
            return known;
        }

        Host host = _hosts.GetOrAdd($"{address}:{_options.Port}", _ => NewHost(address.ToString(), _options.Port));
        Changed();
        return host;
    }

    /// <summary>The known node at an address, whatever name or spelling it was added under.</summary>
    public Host? FindHost(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_hosts.TryGetValue($"{address}:{_options.Port}", out Host? known))
        {
            return known;
        }

        foreach (Host host in _hosts.Values)
        {
            if (host.Port == _options.Port && (address.Equals(host.ResolvedAddress) || (IPAddress.TryParse(host.Address, out IPAddress? parsed) && address.Equals(parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed))))
            {
                return host;
            }
        }

        return null;
    }

    private void Remove(Host removed)
    {
        bool any = false;
        foreach (KeyValuePair<string, Host> entry in _hosts)
        {
            if (ReferenceEquals(entry.Value, removed))
            {
                any |= _hosts.TryRemove(entry);
            }
        }

        if (any)
        {
            Changed();
            HostRemoved?.Invoke(removed);
        }
    }

    /// <summary>
    /// A configured local data centre that no known node is in makes every node remote: a typo ("dc1" for
    /// "datacenter1") that would otherwise go unnoticed. Logged as a warning naming the data centres that exist, or
    /// returned as the connect failure under <see cref="CassandraOptions.StrictLocalDatacenter"/>.
    /// </summary>
    public NoHostAvailableException? CheckLocalDatacenter()
    {
        if (_options.LocalDatacenter is not { } configured)
        {
            return null;
        }

        Host[] hosts = Volatile.Read(ref _snapshot);
        if (hosts.Any(h => string.Equals(h.Datacenter, configured, StringComparison.Ordinal)))
        {
            return null;
        }

        string existing = string.Join(", ", hosts.Where(h => h.Datacenter is not null).GroupBy(h => h.Datacenter!, StringComparer.Ordinal)
            .Select(g => $"'{g.Key}' ({g.Count()} node{(g.Count() == 1 ? string.Empty : "s")})"));
        string message = $"CassandraOptions.LocalDatacenter is '{configured}', but no node of the cluster is in that data centre " +
                         $"(data centres: {(existing.Length == 0 ? "none reported" : existing)}; names are case-sensitive).";
        if (_options.StrictLocalDatacenter)
        {
            return new NoHostAvailableException(message + " Set LocalDatacenter to one of them, or leave it null to take the first contact point's.");
        }

        CassandraLog.LocalDatacenterUnknown(_logger, message);
        return null;
    }

    /// <summary>Rebuilds the snapshot the query plans walk; called whenever the set of known nodes changes.</summary>
    private void Changed() => Volatile.Write(ref _snapshot, [.. _hosts.Values]);
}
