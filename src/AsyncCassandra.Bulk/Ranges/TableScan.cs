using System.Numerics;
using AsyncCassandra.Metadata;

namespace AsyncCassandra.Bulk.Ranges;

/// <summary>
/// A table cut into token ranges, and the statement that reads one range:
/// <c>SELECT ... FROM ks.t WHERE token(pk) &gt; ? AND token(pk) &lt;= ?</c>, bound per range and sent to a replica of it.
/// </summary>
internal sealed class TableScan
{
    private TableScan(TokenPartitioner partitioner, TableMetadata table, IReadOnlyList<ColumnMetadata> columns, PreparedStatement statement, List<ScanRange> ranges)
    {
        Partitioner = partitioner;
        Table = table;
        Columns = columns;
        Statement = statement;
        Ranges = ranges;
        TotalTokens = ranges.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Size);
    }

    public TokenPartitioner Partitioner { get; }

    public TableMetadata Table { get; }

    /// <summary>The columns selected (for an export), in output order.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    public PreparedStatement Statement { get; }

    public List<ScanRange> Ranges { get; }

    public BigInteger TotalTokens { get; }

    /// <summary>Reads the table and the ring; <paramref name="selector"/> null selects <paramref name="columns"/> (or all), else e.g. <c>count(*)</c>.</summary>
    public static async Task<TableScan> CreateAsync(AsyncSession session, string keyspace, string table, IReadOnlyList<string>? columns, string? selector, BulkOptions options, CancellationToken cancellationToken)
    {
        ClusterMetadata metadata = session.Cluster.Metadata;
        TableMetadata described = await metadata.GetTableAsync(keyspace, table, cancellationToken).ConfigureAwait(false);
        TokenPartitioner partitioner = await metadata.GetPartitionerAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ColumnMetadata> selected = columns is null
            ? described.Columns
            : [.. columns.Select(name => described.GetColumn(name) ?? described.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new BulkException($"Table {keyspace}.{table} has no column '{name}'. Its columns are: {string.Join(", ", described.Columns.Select(c => c.Name))}."))];
        string key = string.Join(", ", described.PartitionKey.Select(c => Quoted(c.Name)));
        string what = selector ?? string.Join(", ", selected.Select(c => Quoted(c.Name)));
        string cql = $"SELECT {what} FROM {Quoted(keyspace)}.{Quoted(table)} WHERE token({key}) > ? AND token({key}) <= ?";
        PreparedStatement statement = await session.PrepareAsync(cql, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<TokenRange> ring = metadata.GetTokenRanges(keyspace);
        int split = options.SplitCount ?? Math.Max(ring.Count, 16 * options.Concurrency);
        List<ScanRange> ranges = RingSplitter.Split(partitioner, ring, split, options.Shard);
        return new TableScan(partitioner, described, selected, statement, ranges);
    }

    /// <summary>A plain double-quoted identifier: any name, reserved words included.</summary>
    public static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The statement for one range, sent to a replica of it (its end token) and safe to retry.</summary>
    public BoundStatement Bind(ScanRange range, BulkOptions options)
    {
        BoundStatement bound = Statement.Bind(Partitioner.ToCqlValue(new Token(range.Start)), Partitioner.ToCqlValue(new Token(range.End)));
        bound.RoutingToken = new Token(range.End);
        bound.RoutingKeyspace = Table.Keyspace;
        bound.IsIdempotent = true;
        bound.ConsistencyLevel = options.ConsistencyLevel ?? bound.ConsistencyLevel;
        return bound;
    }

    /// <summary>Whether a failure of a range's read is worth reading the range again (the node or network, not the query).</summary>
    public static bool IsTransient(Exception ex) => ex is TimeoutException or ReadTimeoutException or UnavailableException or OverloadedException
        or NoHostAvailableException or ConnectionException or ServerErrorException or IsBootstrappingException or RequestFailureException;
}
