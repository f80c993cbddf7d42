namespace AsyncCassandra.Testing;

/// <summary>
/// Settings for <see cref="CassandraTestCluster.StartAsync(CassandraTestClusterOptions?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Node <c>i</c> (0-based) listens on <c>127.0.0.(FirstAddressOctet + i)</c>. All nodes use the same native
/// <see cref="Port"/> and the storage port 7000; the different loopback addresses keep them apart.
/// </remarks>
public sealed class CassandraTestClusterOptions
{
    /// <summary>How many nodes the cluster has (1 to 20). Default 1.</summary>
    public int NodeCount { get; set; } = 1;

    /// <summary>
    /// Last octet of the first node's loopback address: nodes run on 127.0.0.K, 127.0.0.K+1, ...
    /// Default 1. Use e.g. 2 for a separate single-node cluster that destructive tests may kill.
    /// </summary>
    public int FirstAddressOctet { get; set; } = 1;

    /// <summary>The native protocol (CQL) port of every node. Default 9042.</summary>
    public int Port { get; set; } = 9042;

    /// <summary>
    /// When <see langword="true"/>, <see cref="CassandraTestCluster.DisposeAsync"/> leaves the nodes running
    /// (their pids stay in the state directory; <see cref="CassandraTestCluster.StopAllAsync"/> or the CLI's
    /// <c>stop</c> verb stops them). Benchmarks use this to share one node between processes.
    /// </summary>
    public bool KeepRunning { get; set; }

    /// <summary>The <c>cluster_name</c> written into the nodes' cassandra.yaml. Default "asynccassandra-test".</summary>
    public string ClusterName { get; set; } = "asynccassandra-test";

    /// <summary>
    /// How long one node may take to answer on its native port (and, for several nodes, how long the nodes
    /// may take to see each other). Default 3 minutes.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Receives progress lines ("downloading ...", "node 127.0.0.1 up in 23.4 s"). Optional.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The JVM heap of each node in megabytes (-Xms and -Xmx). Default 1024.</summary>
    public int HeapMegabytes { get; set; } = 1024;

    /// <summary>
    /// Extra cassandra.yaml settings applied last to nodes this library starts (not to nodes it reuses), e.g.
    /// <c>["authenticator"] = "PasswordAuthenticator"</c>. Values may be <see cref="string"/>, <see cref="bool"/>,
    /// <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, a sequence of strings, or <see langword="null"/>
    /// to remove the key.
    /// </summary>
    public IDictionary<string, object?> ConfigurationOverrides { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    internal CassandraTestClusterOptions Validate()
    {
        if (NodeCount < 1 || NodeCount > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(NodeCount), NodeCount, "NodeCount must be between 1 and 20.");
        }

        if (FirstAddressOctet < 1 || FirstAddressOctet + NodeCount - 1 > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstAddressOctet), FirstAddressOctet, "FirstAddressOctet + NodeCount - 1 must lie in 1..254.");
        }

        if (Port is < 1 or > 65535 || Port == CassandraTestCluster.StoragePort)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be a TCP port other than the storage port 7000.");
        }

        if (HeapMegabytes < 256)
        {
            throw new ArgumentOutOfRangeException(nameof(HeapMegabytes), HeapMegabytes, "Cassandra needs at least 256 MB of heap.");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "StartTimeout must be positive.");
        }

        if (string.IsNullOrWhiteSpace(ClusterName))
        {
            throw new ArgumentException("ClusterName must not be empty.", nameof(ClusterName));
        }

        return this;
    }
}
