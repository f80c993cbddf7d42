namespace AsyncCassandra.Testing;

/// <summary>
/// One node directory in the state directory, as reported by <see cref="CassandraTestCluster.GetStatusAsync"/>.
/// </summary>
public sealed class CassandraTestNodeStatus
{
    internal CassandraTestNodeStatus(
        string address, int port, int? pid, bool isProcessAlive, bool isAnswering, bool keepRunning, int? ownerPid,
        string workDirectory, string logPath)
    {
        Address = address;
        Port = port;
        Pid = pid;
        IsProcessAlive = isProcessAlive;
        IsAnswering = isAnswering;
        KeepRunning = keepRunning;
        OwnerPid = ownerPid;
        WorkDirectory = workDirectory;
        LogPath = logPath;
    }

    /// <summary>The node's loopback address, e.g. "127.0.0.1".</summary>
    public string Address { get; }

    /// <summary>The native port recorded when the node was started (9042 when unknown).</summary>
    public int Port { get; }

    /// <summary>The JVM's pid recorded in node.pid, or <see langword="null"/> when there is no pid file.</summary>
    public int? Pid { get; }

    /// <summary>True when <see cref="Pid"/> is a live Cassandra process of this node directory.</summary>
    public bool IsProcessAlive { get; }

    /// <summary>True when <see cref="Address"/>:<see cref="Port"/> answers a native protocol v3 OPTIONS request.</summary>
    public bool IsAnswering { get; }

    /// <summary>True when the node was started with <see cref="CassandraTestClusterOptions.KeepRunning"/>.</summary>
    public bool KeepRunning { get; }

    /// <summary>The pid of the process that started (or adopted) the node, when recorded.</summary>
    public int? OwnerPid { get; }

    /// <summary>The node's work directory (conf/, data/, node.log, node.pid).</summary>
    public string WorkDirectory { get; }

    /// <summary>The JVM's stdout/stderr log.</summary>
    public string LogPath { get; }
}
