namespace AsyncCassandra.Cluster;

/// <summary>A node of the cluster as the client knows it.</summary>
internal sealed class Host
{
    private volatile bool _isUp = true;

    public Host(string address, int port)
    {
        Address = address;
        Port = port;
        Endpoint = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>"host:port".</summary>
    public string Endpoint { get; }

    public string? Datacenter { get; set; }

    public string? Rack { get; set; }

    public string? ReleaseVersion { get; set; }

    /// <summary>
    /// The IP address a connection to the node reached: a contact point given as a host name (or as another spelling
    /// of its address) is the same node as the peer the system tables list by address.
    /// </summary>
    public System.Net.IPAddress? ResolvedAddress { get; set; }

    /// <summary>The node's tokens as the system tables print them (system.local / system.peers <c>tokens</c>).</summary>
    public IReadOnlyCollection<string> Tokens { get; set; } = [];

    /// <summary>False after the node was seen down (failed connects or a STATUS_CHANGE DOWN event).</summary>
    public bool IsUp
    {
        get => _isUp;
        set => _isUp = value;
    }

    /// <summary>Raised when the node is seen up again, so pools reconnect at once rather than at their next backoff.</summary>
    public event Action<Host>? CameUp;

    public void MarkUp()
    {
        bool wasDown = !_isUp;
        _isUp = true;
        if (wasDown)
        {
            CameUp?.Invoke(this);
        }
    }

    public override string ToString() => Endpoint;
}
