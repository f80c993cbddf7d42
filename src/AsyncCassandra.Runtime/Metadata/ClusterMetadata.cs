using AsyncCassandra.Cluster;
using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.Metadata;

/// <summary>
/// What the client knows of the cluster's data layout (<see cref="AsyncCluster.Metadata"/>): the partitioner, the
/// token ring split into ranges with the replicas of each, and tables' columns. Tools that work on whole tables
/// (AsyncCassandra.Bulk) read ranges here and send each range's query to one of its replicas with
/// <see cref="Statement.RoutingToken"/>.
/// </summary>
public sealed class ClusterMetadata
{
    private readonly AsyncCluster _cluster;
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private AsyncSession? _session;

    internal ClusterMetadata(AsyncCluster cluster) => _cluster = cluster;

    /// <summary>
    /// The partitioner, once connected, from the token map (null before, with <see cref="CassandraOptions.TokenAwareRouting"/>
    /// off, or under a partitioner whose tokens the client cannot compute). <see cref="GetPartitionerAsync"/> asks the
    /// cluster when this is null.
    /// </summary>
    public TokenPartitioner? Partitioner => _cluster.Core.TokenMap is { } map ? Public(map.Partitioner) : null;

    /// <summary>
    /// The ring's ranges in token order, one per token of every node (each vnode range), together covering the ring
    /// exactly once (the first one wraps past the ring's end); each with the replicas of <paramref name="keyspace"/>.
    /// Empty when the token map is not known (not connected yet, or <see cref="CassandraOptions.TokenAwareRouting"/> off).
    /// </summary>
    public IReadOnlyList<TokenRange> GetTokenRanges(string keyspace)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        if (_cluster.Core.TokenMap is not { } map)
        {
            return [];
        }

        TokenPartitioner partitioner = Public(map.Partitioner);
        IReadOnlyList<UInt128> ring = map.Tokens;
        var ranges = new TokenRange[ring.Count];
        for (int i = 0; i < ring.Count; i++)
        {
            UInt128 start = ring[i == 0 ? ring.Count - 1 : i - 1];
            Host[]? replicas = map.Replicas(keyspace, ring[i]);
            ranges[i] = new TokenRange(partitioner.FromRing(start), partitioner.FromRing(ring[i]), replicas is null ? [] : [.. replicas.Select(h => h.Endpoint)]);
        }

        return ranges;
    }

    /// <summary>The cluster's partitioner: <see cref="Partitioner"/> when known, otherwise read from system.local. Throws <see cref="NotSupportedException"/> for a partitioner whose tokens the client cannot compute.</summary>
    public async Task<TokenPartitioner> GetPartitionerAsync(CancellationToken cancellationToken = default)
    {
        if (Partitioner is { } known)
        {
            return known;
        }

        AsyncSession session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        RowSet rows = await session.ExecuteAsync(new SimpleStatement("SELECT partitioner FROM system.local WHERE key = 'local'"), cancellationToken).ConfigureAwait(false);
        string? name = rows.Count > 0 ? rows[0].Get<string?>(0) : null;
        return TokenPartitioner.FromName(name)
            ?? throw new NotSupportedException($"The cluster uses {name ?? "an unknown partitioner"}; token ranges are supported under Murmur3Partitioner and RandomPartitioner only.");
    }

    /// <summary>
    /// A table's columns: names and kinds from the schema tables, CQL types from the server's description of
    /// <c>SELECT *</c>. Throws <see cref="InvalidQueryException"/> when the table does not exist.
    /// </summary>
    public async Task<TableMetadata> GetTableAsync(string keyspace, string table, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        ArgumentException.ThrowIfNullOrEmpty(table);
        AsyncSession session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        return await TableMetadataReader.ReadAsync(session, keyspace, table, cancellationToken).ConfigureAwait(false);
    }

    private static TokenPartitioner Public(Partitioner partitioner) => partitioner is RandomPartitioner ? TokenPartitioner.Random : TokenPartitioner.Murmur3;

    /// <summary>A session of the metadata's own, opened on first use and closed with the cluster.</summary>
    private async Task<AsyncSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { } existing)
        {
            return existing;
        }

        await _sessionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _session ??= await _cluster.ConnectAsync((string?)null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sessionLock.Release();
        }
    }
}
