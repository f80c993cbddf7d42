using System.Collections.Concurrent;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Execution;

/// <summary>
/// A session's prepared statements, by keyspace and text: each is prepared once (concurrent first calls share one
/// PREPARE; errors are not cached), and prepared again on a node that forgot it (after a restart).
/// </summary>
internal sealed class PrepareCache
{
    private readonly ConcurrentDictionary<(string? Keyspace, string Cql), Entry> _prepared = new();
    private readonly SessionScope _scope;
    private readonly object _evicting = new();
    private int _requests;
    private int _reprepared;
    private long _clock;

    public PrepareCache(SessionScope scope) => _scope = scope;

    /// <summary>Statements prepared again because a node answered UNPREPARED (tests).</summary>
    public int Reprepared => Volatile.Read(ref _reprepared);

    /// <summary>PREPARE requests sent (tests check that concurrent prepares share one).</summary>
    public int RequestsSent => Volatile.Read(ref _requests);

    /// <summary>Statements held (tests).</summary>
    public int Count => _prepared.Count;

    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken)
    {
        var key = (_scope.Keyspace, cql);
        if (!_prepared.TryGetValue(key, out Entry? entry))
        {
            entry = _prepared.GetOrAdd(key, static (k, self) => new Entry(new Lazy<Task<PreparedStatement>>(() => self.PrepareOnceAsync(k.Keyspace, k.Cql))), this);
            if (_prepared.Count > _scope.Options.MaxPreparedStatements)
            {
                Evict();
            }
        }

        entry.LastUsed = Interlocked.Increment(ref _clock);
        Task<PreparedStatement> task = entry.Task.Value;
        return task.IsCompletedSuccessfully ? task : AwaitAsync(key, entry, task, cancellationToken);
    }

    /// <summary>
    /// Keeps the cache within <see cref="CassandraOptions.MaxPreparedStatements"/>: the least recently used tenth goes
    /// (statements already handed out keep working; asking again prepares again). Counted and logged, since a cache that
    /// keeps evicting means statements are built from values instead of bound.
    /// </summary>
    private void Evict()
    {
        lock (_evicting)
        {
            int max = _scope.Options.MaxPreparedStatements;
            int excess = _prepared.Count - max;
            if (excess <= 0)
            {
                return;
            }

            int drop = Math.Max(excess, max / 10);
            int evicted = 0;
            // A snapshot first: LINQ sizes its buffer from Count and then copies, which fails when another thread adds
            // a statement in between (the soak hit it); ToArray takes a consistent copy.
            foreach (KeyValuePair<(string?, string), Entry> oldest in _prepared.ToArray().OrderBy(e => e.Value.LastUsed).Take(drop))
            {
                evicted += _prepared.TryRemove(oldest) ? 1 : 0;
            }

            CassandraDiagnostics.PreparedStatementsEvicted.Add(evicted);
            CassandraLog.PreparedStatementsEvicted(_scope.Cluster.Logger, max, evicted);
        }
    }

    private async Task<PreparedStatement> AwaitAsync((string?, string) key, Entry entry, Task<PreparedStatement> task, CancellationToken cancellationToken)
    {
        try
        {
            // The shared PREPARE is not cancelled by one caller leaving.
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (task.IsFaulted || task.IsCanceled)
        {
            _prepared.TryRemove(new KeyValuePair<(string?, string), Entry>(key, entry));
            throw;
        }
    }

    /// <summary>A cached statement (shared by concurrent first callers) and when it was last asked for.</summary>
    private sealed class Entry(Lazy<Task<PreparedStatement>> task)
    {
        public Lazy<Task<PreparedStatement>> Task { get; } = task;

        public long LastUsed { get; set; }
    }

    /// <summary>Prepares on the first node of the plan that can take it, within the request timeout.</summary>
    private async Task<PreparedStatement> PrepareOnceAsync(string? keyspace, string cql)
    {
        await Task.Yield();
        ClusterCore cluster = _scope.Cluster;
        await cluster.InitializeAsync(_scope.DisposedToken).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_scope.DisposedToken);
        linked.CancelAfter(_scope.Options.RequestTimeout);
        var errors = new NodeErrors();
        foreach (Host host in cluster.QueryPlan().ToList())
        {
            try
            {
                Connection connection = await _scope.Pool(host).GetConnectionAsync(linked.Token).ConfigureAwait(false);
                long generation = cluster.SchemaGeneration;
                PreparedResult result = await PrepareOnAsync(connection, cql, keyspace, linked.Token).ConfigureAwait(false);
                return new PreparedStatement(cql, keyspace, await ToStateAsync(result, generation, linked.Token).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is ConnectionException or BusyConnectionException or OverloadedException or IsBootstrappingException)
            {
                errors.Add(host.Endpoint, ex);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested && !_scope.DisposedToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Preparing did not complete within {_scope.Options.RequestTimeout.TotalSeconds:0.###} s: {cql}");
            }
        }

        throw errors.NoHostAvailable("prepare the statement");
    }

    /// <summary>A node forgot a prepared statement (it restarted): prepare it again on that connection, then the caller retries.</summary>
    public async Task RepreparAsync(Connection connection, Statement statement, byte[] unknownId, CancellationToken token)
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
                // On v3 the key's markers come from the schema again: the table may have been dropped and re-created
                // with another key (which is also why the node forgot the statement).
                long generation = _scope.Cluster.SchemaGeneration;
                PreparedResult result = await PrepareOnAsync(connection, prepared.Cql, prepared.Keyspace, token).ConfigureAwait(false);
                PreparedState state = await ToStateAsync(result, generation, token).ConfigureAwait(false);
                if (state.ResultColumns is null && prepared.State.ResultColumns is { } known)
                {
                    // Cassandra 2.1.0 (CASSANDRA-8054, fixed in 2.1.1) shares one result metadata object per statement
                    // and lets an EXECUTE with Skip_metadata mark it "no metadata": a PREPARE racing such executions
                    // comes back without columns, and executions without Skip_metadata then get rows without
                    // metadata too. The same text on the same id has the same columns: keep them.
                    state = state with { ResultColumns = known };
                }

                prepared.Update(state);
                Interlocked.Increment(ref _reprepared);
                return;
            }
        }

        throw new UnpreparedException($"{connection.EndpointName} does not know prepared statement {Convert.ToHexString(unknownId)}, which this request did not send.", unknownId) { Host = connection.EndpointName };
    }

    private async Task<PreparedResult> PrepareOnAsync(Connection connection, string cql, string? keyspace, CancellationToken token)
    {
        Interlocked.Increment(ref _requests);
        if (keyspace is not null && connection.Version < 5 && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
        {
            await connection.SetKeyspaceAsync(keyspace, token).ConfigureAwait(false);
        }

        Response response = await connection.RequestAsync(new PrepareRequest(cql, keyspace), token).ConfigureAwait(false);
        return response.ResultKind == ResultKind.Prepared
            ? response.Prepared
            : throw new ProtocolException($"PREPARE returned {response.Describe()} from {connection.EndpointName}.") { Host = connection.EndpointName };
    }

    /// <summary>What the client keeps of a Prepared result; on v3, which does not say which markers bind the partition key, the schema does.</summary>
    private async Task<PreparedState> ToStateAsync(PreparedResult result, long schemaGeneration, CancellationToken token)
    {
        IReadOnlyList<int> partitionKey = result.PartitionKeyIndexes.Count > 0
            ? result.PartitionKeyIndexes
            : await _scope.Cluster.PartitionKeyIndexesAsync(result.Variables, token).ConfigureAwait(false);
        return new PreparedState(result.Id, result.ResultMetadataId, result.Variables, result.ResultMetadata.Columns, partitionKey) { SchemaGeneration = schemaGeneration };
    }
}
