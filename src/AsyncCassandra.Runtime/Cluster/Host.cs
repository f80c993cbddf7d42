namespace AsyncCassandra.Cluster;

/// <summary>What the client knows of a node's health.</summary>
internal enum HostState
{
    /// <summary>Listed by the cluster, but no connection to it has succeeded yet.</summary>
    Unknown,

    /// <summary>A connection succeeded, or the cluster said it is up.</summary>
    Up,

    /// <summary>Connecting failed, or the cluster said it is down.</summary>
    Down,
}

/// <summary>A node of the cluster as the client knows it.</summary>
internal sealed class Host
{
    private volatile HostState _state = HostState.Unknown;

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

    /// <summary>What the client knows of the node's health.</summary>
    public HostState State => _state;

    /// <summary>
    /// Whether requests may go to the node: true unless it was seen down (failed connects or a STATUS_CHANGE DOWN
    /// event). A node not tried yet counts as up, so that it gets its first connection.
    /// </summary>
    public bool IsUp
    {
        get => _state != HostState.Down;
        set
        {
            if (value)
            {
                MarkUp();
            }
            else
            {
                _state = HostState.Down;
            }
        }
    }

    /// <summary>Raised when the node is seen up again, so pools reconnect at once rather than at their next backoff.</summary>
    public event Action<Host>? CameUp;

    public void MarkUp()
    {
        bool wasDown = _state == HostState.Down;
        _state = HostState.Up;
        if (wasDown)
        {
            CameUp?.Invoke(this);
        }
    }

    public override string ToString() => Endpoint;
}
