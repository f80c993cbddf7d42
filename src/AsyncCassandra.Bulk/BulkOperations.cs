using AsyncCassandra.Bulk.Count;
using AsyncCassandra.Bulk.Export;
using AsyncCassandra.Bulk.Import;

namespace AsyncCassandra.Bulk;

/// <summary>
/// Whole-table work on a session: an exact <see cref="CountAsync"/>, <see cref="ExportAsync"/> to CSV, NDJSON or
/// Parquet, and <see cref="ImportAsync"/> from CSV or NDJSON. Tables are read by token range: the ring is cut into
/// ranges (each vnode range, split further), each read with <c>token(pk) &gt; ? AND token(pk) &lt;= ?</c> at a
/// replica of it, several at once. Runs resume from a checkpoint file and split across machines with
/// <see cref="BulkOptions.Shard"/>.
/// </summary>
public sealed class BulkOperations
{
    private readonly AsyncSession _session;

    /// <summary>Bulk operations on the session's cluster (tables are named with their keyspace).</summary>
    public BulkOperations(AsyncSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>
    /// The exact number of rows of a table (of the shard's share, with <see cref="BulkOptions.Shard"/>): the sum of
    /// <c>count(*)</c> over every token range, each at a replica of it. Unlike one <c>SELECT COUNT(*)</c>, no single
    /// request scans the table.
    /// </summary>
    public Task<long> CountAsync(string keyspace, string table, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        ArgumentException.ThrowIfNullOrEmpty(table);
        options ??= new BulkOptions();
        options.Validate();
        return CountRunner.RunAsync(_session, keyspace, table, options, cancellationToken);
    }

    /// <summary>
    /// Writes a table (or the shard's share) to <see cref="ExportOptions.OutputPath"/>. With
    /// <see cref="ExportOptions.CheckpointPath"/>, a run that stopped at any moment continues when called again with
    /// the same options; the file then holds every row exactly once.
    /// </summary>
    public Task<ExportResult> ExportAsync(string keyspace, string table, ExportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ExportRunner(_session, keyspace, table, options).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the rows of a CSV or NDJSON file (in the text forms an export writes) into a table, with prepared,
    /// idempotent INSERTs, <see cref="ImportOptions.MaxInFlight"/> at once. A row that cannot be read or written is
    /// reported with its line, column and reason, and the import goes on (unless <see cref="ImportOptions.MaxErrors"/>
    /// says otherwise). With <see cref="ImportOptions.CheckpointPath"/>, a stopped run continues when called again.
    /// </summary>
    public Task<ImportResult> ImportAsync(string keyspace, string table, ImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ImportRunner(_session, keyspace, table, options).RunAsync(cancellationToken);
    }
}
