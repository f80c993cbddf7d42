namespace AsyncCassandra;

/// <summary>
/// The configuration section's shape, bound by the configuration binder's source generator. Durations are text so
/// that both "00:00:12" and a number of milliseconds work (the binder alone would read "75" as 75 days), and
/// consistency levels are text so that Cassandra's own spelling ("LOCAL_QUORUM") works too.
/// </summary>
internal sealed class CassandraSettings
{
    public List<string> ContactPoints { get; set; } = [];

    public int? Port { get; set; }

    public string? Keyspace { get; set; }

    public string? LocalDatacenter { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public CredentialSettings? Credentials { get; set; }

    public int? ProtocolVersion { get; set; }

    public int? MinimumProtocolVersion { get; set; }

    public string? RequestTimeout { get; set; }

    public string? ConnectTimeout { get; set; }

    public string? HeartbeatInterval { get; set; }

    public string? ReconnectBaseDelay { get; set; }

    public string? ReconnectMaxDelay { get; set; }

    public int? ConnectionsPerHost { get; set; }

    public int? MaxRequestsPerConnection { get; set; }

    public int? MaxConcurrentRequests { get; set; }

    public int? MaxQueuedRequests { get; set; }

    public int? DefaultPageSize { get; set; }

    public bool? TokenAwareRouting { get; set; }

    public bool? DedicatedIoThreads { get; set; }

    public string? SpeculativeExecutionDelay { get; set; }

    public int? MaxSpeculativeExecutions { get; set; }

    public CompressionAlgorithm? Compression { get; set; }

    public string? DefaultConsistency { get; set; }

    public string? DefaultSerialConsistency { get; set; }

    public bool? StrictLocalDatacenter { get; set; }

    public int? MaxFrameLength { get; set; }

    public double? MaxOrphanedRequestShare { get; set; }

    public string? RetryPolicy { get; set; }

    public int? MaxRetries { get; set; }

    public string? TopologyEventDelay { get; set; }

    public string? SchemaEventDelay { get; set; }

    public string? HostProbeInterval { get; set; }

    public string? StatisticsWindow { get; set; }

    public List<string> AllowedNodeNetworks { get; set; } = [];

    public bool? ConnectToContactPointsOnly { get; set; }

    public int? MaxNodes { get; set; }

    public int? MaxPreparedStatements { get; set; }

    public TlsSettings? Tls { get; set; }

    public bool? ConnectOnStart { get; set; }

    public string? StartupTimeout { get; set; }

    public string? StartupRetryDelay { get; set; }

    public string? DrainTimeout { get; set; }

    internal sealed class TlsSettings
    {
        public bool? Enabled { get; set; }

        public string? CaCertificateFile { get; set; }

        public string? ClientCertificateFile { get; set; }

        public string? ClientKeyFile { get; set; }

        public string? ClientCertificatePassword { get; set; }

        public string? TargetHost { get; set; }

        public bool? CheckCertificateRevocation { get; set; }
    }

    internal sealed class CredentialSettings
    {
        public string? Username { get; set; }

        public string? Password { get; set; }
    }
}
