using System.Collections.Concurrent;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// The token ring: every node's tokens in order, and, per replication strategy, the replicas of each range, computed
/// once on first use. Immutable: a topology or keyspace change builds a new map.
/// A token belongs to the range (previous ring token, ring token], owned by the node of the ring token.
/// </summary>
internal sealed class TokenMap
{
    private readonly UInt128[] _ring;
    private readonly Host[] _owners;
    private readonly int _distinctOwners;
    private readonly Dictionary<string, ReplicationStrategy> _keyspaces;
    private readonly ConcurrentDictionary<ReplicationStrategy, Host[][]> _replicas = new();

    private TokenMap(Partitioner partitioner, UInt128[] ring, Host[] owners, Dictionary<string, ReplicationStrategy> keyspaces)
    {
        Partitioner = partitioner;
        _ring = ring;
        _owners = owners;
        _distinctOwners = owners.Distinct().Count();
        _keyspaces = keyspaces;
    }

    public Partitioner Partitioner { get; }

    /// <summary>The number of tokens on the ring.</summary>
    public int RingSize => _ring.Length;

    /// <summary>The ring's tokens in order; each ends the range that starts after the previous one.</summary>
    public IReadOnlyList<UInt128> Tokens => _ring;

    /// <summary>A map of the nodes' tokens (as the system tables print them); null when no node has a token.</summary>
    public static TokenMap? Build(Partitioner partitioner, IEnumerable<(Host Host, IReadOnlyCollection<string> Tokens)> nodes, IReadOnlyDictionary<string, ReplicationStrategy> keyspaces)
    {
        var entries = new List<(UInt128 Token, Host Host)>();
        foreach ((Host host, IReadOnlyCollection<string> tokens) in nodes)
        {
            foreach (string text in tokens)
            {
                if (partitioner.Parse(text) is { } token)
                {
                    entries.Add((token, host));
                }
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        entries.Sort(static (a, b) => a.Token.CompareTo(b.Token));
        var ring = new UInt128[entries.Count];
        var owners = new Host[entries.Count];
        for (int i = 0; i < ring.Length; i++)
        {
            (ring[i], owners[i]) = entries[i];
        }

        return new TokenMap(partitioner, ring, owners, new Dictionary<string, ReplicationStrategy>(keyspaces, StringComparer.Ordinal));
    }

    /// <summary>The same ring with other keyspace definitions (after a keyspace change).</summary>
    public TokenMap WithKeyspaces(IReadOnlyDictionary<string, ReplicationStrategy> keyspaces) =>
        new(Partitioner, _ring, _owners, new Dictionary<string, ReplicationStrategy>(keyspaces, StringComparer.Ordinal));

    /// <summary>Whether the keyspace is known with a strategy the client can route for.</summary>
    public bool CanRoute(string keyspace) => _keyspaces.ContainsKey(keyspace);

    /// <summary>The replicas of a token in a keyspace, primary first; null when the keyspace is unknown or not routable. Allocates only the first time per strategy.</summary>
    public Host[]? Replicas(string keyspace, UInt128 token)
    {
        if (!_keyspaces.TryGetValue(keyspace, out ReplicationStrategy? strategy))
        {
            return null;
        }

        Host[][] table = _replicas.TryGetValue(strategy, out Host[][]? cached) ? cached : _replicas.GetOrAdd(strategy, Compute);
        return table[RingIndex(token)];
    }

    /// <summary>The index of the first ring token at or after <paramref name="token"/>, wrapping past the last.</summary>
    public int RingIndex(UInt128 token)
    {
        // A plain loop rather than Array.BinarySearch<UInt128>, whose generic comparer helper is one more method
        // for the JIT to compile (and recompile at tier 1) on a request's path.
        UInt128[] ring = _ring;
        int low = 0;
        int high = ring.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (ring[middle] < token)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low == ring.Length ? 0 : low;
    }

    private Host[][] Compute(ReplicationStrategy strategy)
    {
        var table = new Host[_ring.Length][];
        if (strategy.IsSimple)
        {
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = Simple(i, strategy.SimpleFactor);
            }

            return table;
        }

        // What the data centres hold does not depend on where the walk starts: count it once for the whole table.
        var racks = new Dictionary<string, HashSet<string?>>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, HashSet<Host>>(StringComparer.Ordinal);
        foreach (Host owner in _owners)
        {
            if (owner.Datacenter is { } dc)
            {
                (racks.TryGetValue(dc, out HashSet<string?>? set) ? set : racks[dc] = []).Add(owner.Rack);
                (nodes.TryGetValue(dc, out HashSet<Host>? hosts) ? hosts : nodes[dc] = []).Add(owner);
            }
        }

        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string dc, int factor) in strategy.DatacenterFactors.Items)
        {
            // A data centre with fewer nodes than its factor gets all of them.
            int available = nodes.TryGetValue(dc, out HashSet<Host>? hosts) ? hosts.Count : 0;
            if (Math.Min(factor, available) > 0)
            {
                wanted[dc] = Math.Min(factor, available);
            }
        }

        var rackCounts = racks.ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal);
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = NetworkTopology(i, wanted, rackCounts);
        }

        return table;
    }

    /// <summary>SimpleStrategy: the owner and the next distinct nodes clockwise, replication_factor in all.</summary>
    private Host[] Simple(int start, int factor)
    {
        // A replication factor comes from the server's schema: never size anything by it beyond the nodes there are.
        var replicas = new List<Host>(Math.Min(factor, _distinctOwners));
        for (int step = 0; step < _ring.Length && replicas.Count < factor; step++)
        {
            Host host = _owners[(start + step) % _ring.Length];
            if (!replicas.Contains(host))
            {
                replicas.Add(host);
            }
        }

        return [.. replicas];
    }

    /// <summary>
    /// NetworkTopologyStrategy as Cassandra places replicas: walking the ring clockwise, each data centre takes nodes
    /// of racks it has not used yet; a node on a rack already used waits in line, and once every rack of the data
    /// centre is used the waiting nodes fill its remaining places in ring order.
    /// </summary>
    private Host[] NetworkTopology(int start, Dictionary<string, int> wanted, Dictionary<string, int> rackCounts)
    {
        var replicas = new List<Host>();
        var taken = new Dictionary<string, HashSet<Host>>(StringComparer.Ordinal);
        var seenRacks = new Dictionary<string, HashSet<string?>>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, List<Host>>(StringComparer.Ordinal);
        foreach (string dc in wanted.Keys)
        {
            taken[dc] = [];
            seenRacks[dc] = [];
            skipped[dc] = [];
        }

        int satisfied = 0;
        for (int step = 0; step < _ring.Length && satisfied < wanted.Count; step++)
        {
            Host host = _owners[(start + step) % _ring.Length];
            if (host.Datacenter is not { } dc || !wanted.TryGetValue(dc, out int factor) || taken[dc].Count >= factor)
            {
                continue;
            }

            HashSet<Host> dcTaken = taken[dc];
            HashSet<string?> dcRacks = seenRacks[dc];
            if (dcRacks.Count == rackCounts[dc])
            {
                Take(host);
            }
            else if (!dcRacks.Add(host.Rack))
            {
                if (!dcTaken.Contains(host) && !skipped[dc].Contains(host))
                {
                    skipped[dc].Add(host);
                }
            }
            else
            {
                Take(host);
                if (dcRacks.Count == rackCounts[dc])
                {
                    foreach (Host waiting in skipped[dc])
                    {
                        if (dcTaken.Count >= factor)
                        {
                            break;
                        }

                        Take(waiting);
                    }
                }
            }

            void Take(Host node)
            {
                if (dcTaken.Count < factor && dcTaken.Add(node))
                {
                    replicas.Add(node);
                    if (dcTaken.Count == factor)
                    {
                        satisfied++;
                    }
                }
            }
        }

        return [.. replicas];
    }
}
