namespace AsyncCassandra.Cluster;

/// <summary>
/// The nodes to try for one request, best first, without allocating: up nodes of the local data centre from a
/// rotating start (round-robin), then up nodes of other data centres, then nodes believed down (they may be back).
/// A mutable struct: call <see cref="TryNext"/> on one variable, never on copies.
/// </summary>
internal struct QueryPlan
{
    private readonly Host[] _hosts;
    private readonly string? _localDatacenter;
    private readonly int _start;
    private int _pass;
    private int _index;

    public QueryPlan(Host[] hosts, string? localDatacenter, int start)
    {
        _hosts = hosts;
        _localDatacenter = localDatacenter;
        _start = hosts.Length == 0 ? 0 : (int)((uint)start % (uint)hosts.Length);
        _pass = 0;
        _index = 0;
    }

    public bool TryNext([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Host? host)
    {
        Host[] hosts = _hosts;
        while (_pass < 3)
        {
            while (_index < hosts.Length)
            {
                int i = _start + _index++;
                Host candidate = hosts[i >= hosts.Length ? i - hosts.Length : i];
                bool local = _localDatacenter is null || candidate.Datacenter is null || candidate.Datacenter == _localDatacenter;
                bool take = _pass switch
                {
                    0 => candidate.IsUp && local,
                    1 => candidate.IsUp && !local,
                    _ => !candidate.IsUp,
                };
                if (take)
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
