namespace AsyncCassandra.Cluster;

/// <summary>
/// The nodes to try for one request, best first, without allocating. With a known partition (token-aware routing):
/// up replicas of the local data centre first, from a random start so the replicas share the load (a counter would
/// tie the choice to the caller's pattern of requests: alternating two statements would always pick the same replica). Then up nodes of
/// the local data centre from a rotating start (round-robin), then up nodes of other data centres, then nodes believed
/// down (they may be back); replicas already offered are not offered twice.
/// A mutable struct: call <see cref="TryNext"/> on one variable, never on copies.
/// </summary>
internal struct QueryPlan
{
    private const int ReplicaPass = -1;

    private readonly Host[] _hosts;
    private readonly Host[]? _replicas;
    private readonly string? _localDatacenter;
    private readonly int _start;
    private readonly int _rotation;
    private ulong _offeredReplicas;
    private int _pass;
    private int _index;

    public QueryPlan(Host[] hosts, string? localDatacenter, int start, Host[]? replicas = null, int replicaStart = 0)
    {
        _hosts = hosts;
        _localDatacenter = localDatacenter;
        _start = hosts.Length == 0 ? 0 : (int)((uint)start % (uint)hosts.Length);
        // Up to 64 replicas are tracked (a bit each); a replica set larger than that is never seen in practice.
        _replicas = replicas is { Length: > 0 and <= 64 } ? replicas : null;
        _rotation = _replicas is null ? 0 : (int)((uint)replicaStart % (uint)_replicas.Length);
        _offeredReplicas = 0;
        _pass = _replicas is null ? 0 : ReplicaPass;
        _index = 0;
    }

    /// <summary>How many nodes the plan offers in all.</summary>
    public readonly int NodeCount => _hosts.Length;

    public bool TryNext([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Host? host)
    {
        if (_pass == ReplicaPass)
        {
            Host[] replicas = _replicas!;
            while (_index < replicas.Length)
            {
                int i = _rotation + _index++;
                i = i >= replicas.Length ? i - replicas.Length : i;
                Host candidate = replicas[i];
                if (candidate.IsUp && IsLocal(candidate))
                {
                    _offeredReplicas |= 1UL << i;
                    host = candidate;
                    return true;
                }
            }

            _pass = 0;
            _index = 0;
        }

        Host[] hosts = _hosts;
        while (_pass < 3)
        {
            while (_index < hosts.Length)
            {
                int i = _start + _index++;
                Host candidate = hosts[i >= hosts.Length ? i - hosts.Length : i];
                bool local = IsLocal(candidate);
                bool take = _pass switch
                {
                    0 => candidate.IsUp && local,
                    1 => candidate.IsUp && !local,
                    _ => !candidate.IsUp,
                };
                if (take && !Offered(candidate))
                {
                    host = candidate;
                    return true;
                }
            }

            _pass++;
            _index = 0;
        }

        host = null;
        return false;
    }

    private readonly bool IsLocal(Host candidate) =>
        _localDatacenter is null || candidate.Datacenter is null || candidate.Datacenter == _localDatacenter;

    private readonly bool Offered(Host candidate)
    {
        if (_offeredReplicas == 0)
        {
            return false;
        }

        Host[] replicas = _replicas!;
        for (int i = 0; i < replicas.Length; i++)
        {
            if (ReferenceEquals(replicas[i], candidate))
            {
                return (_offeredReplicas & (1UL << i)) != 0;
            }
        }

        return false;
    }

    /// <summary>The whole plan as a list (control paths that are not per request).</summary>
    public List<Host> ToList()
    {
        var list = new List<Host>(_hosts.Length);
        QueryPlan copy = this;
        while (copy.TryNext(out Host? host))
        {
            list.Add(host);
        }

        return list;
    }
}
