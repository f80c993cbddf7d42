using System.Diagnostics;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Monitoring;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra;

/// <summary>
/// The connection monitor of an <see cref="AsyncCluster"/> (<see cref="AsyncCluster.Monitor"/>): every node's state,
/// data centre, rack, version, open connections, requests in flight, last probe latency and last error
/// (<see cref="GetHostStates"/>); the whole cluster in one call (<see cref="GetSummary"/>); in-memory request
/// statistics for apps without OpenTelemetry (<see cref="GetStatistics"/>); an event when a node goes down or comes
/// back (<see cref="HostStateChanged"/>); and a lightweight probe of every node, on demand (<see cref="ProbeAsync"/>)
/// or every <see cref="CassandraOptions.HostProbeInterval"/>. Every method is cheap, never blocks, and never throws
/// because of the cluster's state (a disposed cluster answers with what it knew).
/// </summary>
public sealed class ClusterMonitor
{
    private readonly ClusterCore _core;
    private readonly CancellationTokenSource _stopped = new();
    private int _probeLoopStarted;

    internal ClusterMonitor(ClusterCore core)
    {
        _core = core;
        core.Topology.HostStateChanged += OnHostStateChanged;
        CassandraDiagnostics.Register(this);
    }

    /// <summary>
    /// Raised when a node changes state: Up after a successful connection or probe or the cluster's UP event, Down
    /// after failed connects, a failed probe or the cluster's DOWN event. Handlers run on the thread that saw the
    /// change (never the socket's reader loop) and should return quickly; an exception from one is logged and ignored.
    /// </summary>
    public event EventHandler<HostStateChangedEventArgs>? HostStateChanged;

    internal IReadOnlyCollection<Host> Hosts => _core.Hosts;

    /// <summary>The node the control connection is on, while it is open.</summary>
    internal Host? ControlHost => _core.ControlConnected ? _core.ControlHost : null;

    /// <summary>Every known node as the client sees it now (an empty list before the first connection).</summary>
    public IReadOnlyList<HostStatus> GetHostStates()
    {
        Host? control = _core.ControlHost;
        return [.. _core.Hosts.OrderBy(h => h.Endpoint, StringComparer.Ordinal).Select(h => Describe(h, control))];
    }

    /// <summary>The cluster in one call: node counts by state, connections, requests in flight, every node, and the request statistics.</summary>
    public ClusterSummary GetSummary()
    {
        IReadOnlyList<HostStatus> hosts = GetHostStates();
        return new ClusterSummary
        {
            ClusterName = _core.ClusterName,
            ProtocolVersion = _core.Version,
            NodesKnown = hosts.Count,
            NodesUp = hosts.Count(h => h.State == HostState.Up),
            NodesDown = hosts.Count(h => h.State == HostState.Down),
            NodesUnknown = hosts.Count(h => h.State == HostState.Unknown),
            OpenConnections = hosts.Sum(h => h.OpenConnections),
            InFlightRequests = hosts.Sum(h => h.InFlightRequests),
            Hosts = hosts,
            Requests = _core.Statistics.Snapshot(),
        };
    }

    /// <summary>
    /// Request statistics kept in memory (no OpenTelemetry needed): totals, successes, failures by error type and
    /// p50/p95/p99 latency over <see cref="CassandraOptions.StatisticsWindow"/>, for every call of every session
    /// (<see cref="StatisticsSnapshot.Overall"/>) and for every attempt sent to each node (<see cref="StatisticsSnapshot.ByHost"/>).
    /// Memory is fixed per node, however many requests run.
    /// </summary>
    public StatisticsSnapshot GetStatistics() => new()
    {
        TakenAt = DateTimeOffset.UtcNow,
        Overall = _core.Statistics.Snapshot(),
        ByHost = _core.Hosts.OrderBy(h => h.Endpoint, StringComparer.Ordinal).ToDictionary(h => h.Endpoint, h => h.Statistics.Snapshot(), StringComparer.Ordinal),
    };

    /// <summary>
    /// Probes every known node now: an OPTIONS round trip on one of its open connections, or on a new connection when
    /// it has none (closed again at once). A node that answers is marked up (its pools reconnect at once) and its
    /// latency recorded; one that cannot be reached is marked down with the error. Returns the nodes afterwards. Before
    /// the cluster's first connection there is nothing to probe and the list is empty.
    /// </summary>
    public async Task<IReadOnlyList<HostStatus>> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if (_core.IsInitialized && !_stopped.IsCancellationRequested)
        {
            await Task.WhenAll(_core.Hosts.Select(h => ProbeHostAsync(h, cancellationToken))).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return GetHostStates();
    }

    private async Task ProbeHostAsync(Host host, CancellationToken cancellationToken)
    {
        TimeSpan timeout = _core.Options.ConnectTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        bounded.CancelAfter(timeout);
        Connection? temporary = null;
        try
        {
            Connection? connection = OpenConnectionOf(host);
            if (connection is null)
            {
                temporary = await _core.OpenConnectionAsync(host, null, bounded.Token).ConfigureAwait(false);
                connection = temporary;
            }

            long started = Stopwatch.GetTimestamp();
            await connection.RequestAsync(OptionsRequest.Instance, bounded.Token).ConfigureAwait(false);
            TimeSpan latency = Stopwatch.GetElapsedTime(started);
            host.RecordProbe(latency);
            CassandraDiagnostics.ProbeDuration.Record(latency.TotalSeconds, host.Tags);
            host.MarkUp();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !_stopped.IsCancellationRequested)
        {
            string error = ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : ex.Message;
            CassandraLog.ProbeFailed(_core.Logger, host.Endpoint, error);
            if (ex is ConnectionException or OperationCanceledException or TimeoutException)
            {
                host.MarkDown("probe failed: " + error);
            }
            else
            {
                host.RecordError("probe failed: " + error);
            }
        }
        catch (Exception)
        {
            // The caller cancelled or the cluster is closing: nothing learnt about the node.
        }
        finally
        {
            if (temporary is not null)
            {
                await temporary.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Connection? OpenConnectionOf(Host host)
    {
        foreach (IHostConnections pool in host.Pools)
        {
            foreach (Connection connection in pool.Connections)
            {
                if (!connection.IsClosed)
                {
                    return connection;
                }
            }
        }

        return null;
    }

    /// <summary>Starts the periodic probe once the cluster has connected (when <see cref="CassandraOptions.HostProbeInterval"/> is set).</summary>
    internal void StartProbing()
    {
        TimeSpan interval = _core.Options.HostProbeInterval;
        if (interval <= TimeSpan.Zero || Interlocked.Exchange(ref _probeLoopStarted, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                do
                {
                    try
                    {
                        await ProbeAsync(_stopped.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        CassandraLog.ProbeFailed(_core.Logger, "*", ex.Message);
                    }
                }
                while (await timer.WaitForNextTickAsync(_stopped.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private void OnHostStateChanged(Host host, HostState previous, string? reason)
    {
        if (host.State == HostState.Up)
        {
            CassandraLog.HostUp(_core.Logger, host.Endpoint, previous);
        }
        else if (host.State == HostState.Down)
        {
            CassandraLog.HostDown(_core.Logger, host.Endpoint, previous, reason ?? "unreachable");
        }

        EventHandler<HostStateChangedEventArgs>? handlers = HostStateChanged;
        if (handlers is null)
        {
            return;
        }

        var args = new HostStateChangedEventArgs(Describe(host, _core.ControlHost), previous, reason);
        foreach (EventHandler<HostStateChangedEventArgs> handler in handlers.GetInvocationList().Cast<EventHandler<HostStateChangedEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
            catch (Exception ex)
            {
                CassandraLog.HostStateHandlerFailed(_core.Logger, host.Endpoint, ex);
            }
        }
    }

    private static HostStatus Describe(Host host, Host? control) => new()
    {
        Endpoint = host.Endpoint,
        Address = host.Address,
        Port = host.Port,
        State = host.State,
        Datacenter = host.Datacenter,
        Rack = host.Rack,
        ReleaseVersion = host.ReleaseVersion,
        IsControlHost = ReferenceEquals(host, control),
        OpenConnections = host.OpenConnections,
        InFlightRequests = host.InFlightRequests,
        LastProbeLatency = host.LastProbeLatency,
        LastProbeAt = host.LastProbeAt,
        LastError = host.LastError,
        LastErrorAt = host.LastErrorAt,
    };

    /// <summary>Stops the probe and the gauges (the cluster is disposed).</summary>
    internal void Stop()
    {
        _stopped.Cancel();
        _core.Topology.HostStateChanged -= OnHostStateChanged;
        CassandraDiagnostics.Unregister(this);
    }
}
