using System.Collections.Concurrent;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

public sealed partial class AsyncSession
{
    private readonly ConcurrentDictionary<(string? Keyspace, string Cql), Lazy<Task<PreparedStatement>>> _prepared = new();

    /// <summary>
    /// Prepares CQL once per session and keyspace: later calls with the same text return the cached statement, and
    /// concurrent first calls share one PREPARE request. Errors (syntax, unknown table) are not cached.
    /// </summary>
    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        ThrowIfDisposed();
        var key = (_keyspace, cql);
        Lazy<Task<PreparedStatement>> entry = _prepared.GetOrAdd(key, static (k, self) => new Lazy<Task<PreparedStatement>>(() => self.PrepareOnceAsync(k.Keyspace, k.Cql)), this);
        Task<PreparedStatement> task = entry.Value;
        if (task.IsCompletedSuccessfully)
        {
            return task;
        }

        return AwaitPrepareAsync(key, entry, task, cancellationToken);
    }

    private async Task<PreparedStatement> AwaitPrepareAsync((string?, string) key, Lazy<Task<PreparedStatement>> entry, Task<PreparedStatement> task, CancellationToken cancellationToken)
    {
        try
        {
            // The shared PREPARE is not cancelled by one caller leaving.
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (task.IsFaulted || task.IsCanceled)
        {
            _prepared.TryRemove(new KeyValuePair<(string?, string), Lazy<Task<PreparedStatement>>>(key, entry));
            throw;
        }
    }

    private async Task<PreparedStatement> PrepareOnceAsync(string? keyspace, string cql)
    {
        await Task.Yield();
        await _core.InitializeAsync(_disposedCts.Token).ConfigureAwait(false);
        var statement = new SimpleStatement(cql) { IsIdempotent = true };
        PreparedStatement? prepared = null;
        await ExecuteOnAnyAsync(statement, async (connection, token) =>
        {
            PreparedResult result = await PrepareOnAsync(connection, cql, keyspace, token).ConfigureAwait(false);
            IReadOnlyList<int> partitionKey = result.PartitionKeyIndexes;
            if (partitionKey.Count == 0)
            {
                // v3 does not say which markers bind the partition key; the schema does (for token-aware routing).
                partitionKey = await _core.PartitionKeyIndexesAsync(result.Variables, token).ConfigureAwait(false);
            }

            prepared = new PreparedStatement(cql, keyspace, ToState(result, partitionKey));
        }).ConfigureAwait(false);
        return prepared!;
    }

    private static PreparedState ToState(PreparedResult result, IReadOnlyList<int> partitionKeyIndexes) =>
        new(result.Id, result.ResultMetadataId, result.Variables, result.ResultMetadata.Columns, partitionKeyIndexes);

    private int _prepareRequests;

    /// <summary>PREPARE requests this session sent (tests check that concurrent prepares share one).</summary>
    internal int PrepareRequestsSent => Volatile.Read(ref _prepareRequests);

    private async Task<PreparedResult> PrepareOnAsync(Connection connection, string cql, string? keyspace, CancellationToken token)
    {
        Interlocked.Increment(ref _prepareRequests);
        if (keyspace is not null && connection.Version < 5 && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
        {
            await connection.SetKeyspaceAsync(keyspace, token).ConfigureAwait(false);
        }

        object result = await connection.RequestAsync(new PrepareRequest(cql, keyspace), token).ConfigureAwait(false);
        return result as PreparedResult ?? throw new ProtocolException($"PREPARE returned {result.GetType().Name} from {connection.EndpointName}.");
    }

    /// <summary>A node forgot a prepared statement (it restarted): prepare it again on that connection, then the caller retries.</summary>
    private async Task RepreparAsync(Connection connection, Statement statement, byte[] unknownId, CancellationToken token)
    {
        IEnumerable<BoundStatement> candidates = statement switch
        {
            BoundStatement bound => [bound],
            BatchStatement batch => batch.Statements.OfType<BoundStatement>(),
            _ => [],
        };
        foreach (BoundStatement bound in candidates)
        {
            PreparedStatement prepared = bound.PreparedStatement;
            if (prepared.State.Id.AsSpan().SequenceEqual(unknownId))
            {
                PreparedResult result = await PrepareOnAsync(connection, prepared.Cql, prepared.Keyspace, token).ConfigureAwait(false);
                // On v3 the key's markers come from the schema again: the table may have been dropped and re-created
                // with another key (which is also why the node forgot the statement). The lookup is cached per table
                // until a schema event for it.
                IReadOnlyList<int> partitionKey = result.PartitionKeyIndexes.Count > 0
                    ? result.PartitionKeyIndexes
                    : await _core.PartitionKeyIndexesAsync(result.Variables, token).ConfigureAwait(false);
                prepared.Update(ToState(result, partitionKey));
                return;
            }
        }

        throw new UnpreparedException($"{connection.EndpointName} does not know prepared statement {Convert.ToHexString(unknownId)}, which this request did not send.", unknownId) { Host = connection.EndpointName };
    }

    /// <summary>Runs an action on a connection of the first node that can take it, with the request timeout.</summary>
    private async Task ExecuteOnAnyAsync(Statement statement, Func<Connection, CancellationToken, Task> action)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_disposedCts.Token);
        linked.CancelAfter(_core.Options.RequestTimeout);
        var errors = new Dictionary<string, Exception>();
        foreach (Host host in _core.QueryPlan().ToList())
        {
            try
            {
                Connection connection = await GetPool(host).GetConnectionAsync(linked.Token).ConfigureAwait(false);
                await action(connection, linked.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is ConnectionException or BusyConnectionException or OverloadedException or IsBootstrappingException)
            {
                errors[host.Endpoint] = ex;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested && !_disposedCts.IsCancellationRequested)
            {
                throw new TimeoutException($"Preparing did not complete within {_core.Options.RequestTimeout.TotalSeconds:0.###} s: {statement}");
            }
        }

        throw new NoHostAvailableException($"No node could prepare the statement: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}"))}", errors);
    }
}
