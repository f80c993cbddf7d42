using AsyncCassandra.Monitoring;

namespace AsyncCassandra.Cluster;

/// <summary>A node of the cluster as the client knows it.</summary>
internal sealed class Host
{
    private readonly object _gate = new();
    private volatile HostState _state = HostState.Unknown;
    private IHostConnections[] _pools = [];
    private string? _lastError;
    private long _lastErrorAtMs;
    private double _lastProbeMs = double.NaN;
    private long _lastProbeAtMs;

    public Host(string address, int port, TimeSpan? statisticsWindow = null)
    {
        Address = address;
        Port = port;
        Endpoint = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";
        Tags = [new("server.address", address), new("server.port", port)];
        Statistics = new StatisticsRecorder(statisticsWindow ?? StatisticsRecorder.DefaultWindow);
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>"host:port".</summary>
    public string Endpoint { get; }

    /// <summary>The metric tags naming the node (OpenTelemetry's <c>server.address</c> and <c>server.port</c>), made once.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The node's share of the in-memory statistics (every attempt sent to it).</summary>
    public StatisticsRecorder Statistics { get; }

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
                MarkDown(null);
            }
        }
    }

    /// <summary>Raised when the node is seen up again, so pools reconnect at once rather than at their next backoff.</summary>
    public event Action<Host>? CameUp;

    /// <summary>Raised on every change of <see cref="State"/>, with the state before and the reason (for down).</summary>
    public event Action<Host, HostState, string?>? StateChanged;

    public void MarkUp()
    {
        HostState previous = Transition(HostState.Up, null);
        if (previous == HostState.Down)
        {
            CameUp?.Invoke(this);
        }
    }

    /// <summary>Marks the node down (failed connects, a STATUS_CHANGE DOWN event, a failed probe), keeping the reason.</summary>
    public void MarkDown(string? reason)
    {
        if (reason is not null)
        {
            RecordError(reason);
        }

        Transition(HostState.Down, reason);
    }

    /// <summary>Sets the state and raises <see cref="StateChanged"/> when it changed; returns the state before.</summary>
    private HostState Transition(HostState next, string? reason)
    {
        HostState previous;
        lock (_gate)
        {
            previous = _state;
            _state = next;
        }

        if (previous != next)
        {
            StateChanged?.Invoke(this, previous, reason);
        }

        return previous;
    }

    /// <summary>The last error seen with the node (a failed connect, a dropped connection, a failed probe).</summary>
    public void RecordError(string error)
    {
        Volatile.Write(ref _lastError, error);
        Volatile.Write(ref _lastErrorAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public string? LastError => Volatile.Read(ref _lastError);

    public DateTimeOffset? LastErrorAt => Volatile.Read(ref _lastErrorAtMs) is var ms and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Records a probe's round trip.</summary>
    public void RecordProbe(TimeSpan latency)
    {
        Volatile.Write(ref _lastProbeMs, latency.TotalMilliseconds);
        Volatile.Write(ref _lastProbeAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public TimeSpan? LastProbeLatency => Volatile.Read(ref _lastProbeMs) is var ms && !double.IsNaN(ms) ? TimeSpan.FromMilliseconds(ms) : null;

    public DateTimeOffset? LastProbeAt => Volatile.Read(ref _lastProbeAtMs) is var ms and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The sessions' pools of connections to this node (for the monitor's counts and the probe).</summary>
    public IHostConnections[] Pools => Volatile.Read(ref _pools);

    public void Attach(IHostConnections pool)
    {
        lock (_gate)
        {
            _pools = [.. _pools, pool];
        }
    }

    public void Detach(IHostConnections pool)
    {
        lock (_gate)
        {
            _pools = Array.FindAll(_pools, p => !ReferenceEquals(p, pool));
        }
    }

    /// <summary>Open connections of every session to the node.</summary>
    public int OpenConnections
    {
        get
        {
            int open = 0;
            foreach (IHostConnections pool in Pools)
            {
                foreach (Connections.Connection connection in pool.Connections)
                {
                    open += connection.IsClosed ? 0 : 1;
                }
            }

            return open;
        }
    }

    /// <summary>Requests of every session waiting for the node's reply.</summary>
    public int InFlightRequests
    {
        get
        {
            int inFlight = 0;
            foreach (IHostConnections pool in Pools)
            {
                foreach (Connections.Connection connection in pool.Connections)
                {
                    inFlight += connection.IsClosed ? 0 : connection.InFlight;
                }
            }

            return inFlight;
        }
    }

    public override string ToString() => Endpoint;
}
