using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

public sealed partial class AsyncSession
{
    /// <summary>Runs CQL text with no values.</summary>
    public Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql), cancellationToken);

    /// <summary>Runs CQL text with positional values for its <c>?</c> markers.</summary>
    public Task<RowSet> ExecuteAsync(string cql, object?[]? values, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql, values ?? []), cancellationToken);

    /// <summary>
    /// Runs a statement and returns the first page of its result (an empty <see cref="RowSet"/> for writes).
    /// Retries follow <see cref="CassandraOptions.RetryPolicy"/> and the statement's idempotence; the whole call is
    /// bounded by the statement's <see cref="Statement.Timeout"/> or <see cref="CassandraOptions.RequestTimeout"/>
    /// (<see cref="TimeoutException"/>), and cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public Task<RowSet> ExecuteAsync(Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        return ExecuteCoreAsync(statement, Defaults(), statement.Timeout, cancellationToken);
    }

    private RequestDefaults Defaults() => new(_core.Options.DefaultConsistency, _core.Options.DefaultSerialConsistency, _core.Options.DefaultPageSize);

    /// <summary>
    /// The request pipeline: the query plan's nodes in turn, the retry policy's decisions, one deadline for the whole
    /// call (checked by each connection's sweep, so no timer is armed per request), and the caller's token.
    /// </summary>
    internal async Task<RowSet> ExecuteCoreAsync(Statement statement, RequestDefaults defaults, TimeSpan? timeoutOverride, CancellationToken cancellationToken)
    {
        if (!_core.IsInitialized)
        {
            // A session made by AsyncCluster.CreateSession connects on first use.
            await _core.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        TimeSpan timeout = timeoutOverride ?? _core.Options.RequestTimeout;
        long deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        Dictionary<string, Exception>? errors = null;
        int attempt = 0;
        bool idempotent = statement.Idempotent;
        CassandraException? lastServerError = null;
        try
        {
            QueryPlan plan = _core.QueryPlan();
            while (plan.TryNext(out Host? host))
            {
                while (true)
                {
                    if (Environment.TickCount64 >= deadline)
                    {
                        throw new RequestTimedOutException();
                    }

                    Connection connection;
                    try
                    {
                        connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (CassandraException ex) when (ex is ConnectionException or BusyConnectionException)
                    {
                        (errors ??= [])[host.Endpoint] = ex;
                        lastServerError = null;
                        break;
                    }

                    try
                    {
                        return await RunOnAsync(connection, statement, defaults, deadline, cancellationToken).ConfigureAwait(false);
                    }
                    catch (BusyConnectionException ex)
                    {
                        // Not sent: any statement may go elsewhere.
                        (errors ??= [])[host.Endpoint] = ex;
                        break;
                    }
                    catch (CassandraException ex) when (ex is not ProtocolVersionException && Volatile.Read(ref _disposed) == 0)
                    {
                        RetryDecision decision = _core.Options.RetryPolicy.Decide(new RetryContext(statement, ex, attempt, idempotent));
                        attempt++;
                        if (decision == RetryDecision.Rethrow)
                        {
                            throw;
                        }

                        (errors ??= [])[host.Endpoint] = ex;
                        lastServerError = ex.ErrorCode is not null ? ex : null;
                        if (decision == RetryDecision.RetryNextHost)
                        {
                            break;
                        }
                    }
                }
            }
        }
        catch (RequestTimedOutException)
        {
            throw new TimeoutException($"The request did not complete within {timeout.TotalSeconds:0.###} s{(errors is null ? string.Empty : " (errors: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")) + ")")}. Raise Statement.Timeout or CassandraOptions.RequestTimeout if the work is expected to take longer. Statement: {statement}");
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) != 0 && ex is CassandraException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session was disposed while the request was running.");
        }

        // Every node was tried. When the last one answered with an error of its own (not a failure to reach it),
        // that error says more than "no host": a one-node cluster's Unavailable stays Unavailable.
        if (lastServerError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(lastServerError);
        }

        errors ??= [];
        throw new NoHostAvailableException(
            errors.Count == 0
                ? "No node is known to run the request on."
                : $"Every node tried failed: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}"))}",
            errors);
    }

    private async Task<RowSet> RunOnAsync(Connection connection, Statement statement, RequestDefaults defaults, long deadline, CancellationToken cancellationToken)
    {
        if (_keyspace is { } keyspace && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
        {
            await connection.SetKeyspaceAsync(keyspace, cancellationToken).ConfigureAwait(false);
        }

        for (int reprepared = 0; ; reprepared++)
        {
            ResponseFrame frame = await connection.SendAsync(new StatementRequest(statement, defaults), deadline, cancellationToken, statement.EnableTracing ? HeaderFlags.Tracing : HeaderFlags.None).ConfigureAwait(false);
            object result;
            try
            {
                result = ResponseReader.Read(frame, connection.Version, connection.EndpointName, statement.KnownResultColumns);
            }
            catch (UnpreparedException ex) when (reprepared == 0)
            {
                await RepreparAsync(connection, statement, ex.PreparedId, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await InterpretAsync(result, connection, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<RowSet> InterpretAsync(object result, Connection connection, Statement statement, CancellationToken token)
    {
        switch (result)
        {
            case RowSet rows:
                rows.Host = connection.EndpointName;
                if (rows.NewResultMetadataId is { } newId && statement is BoundStatement bound)
                {
                    PreparedState state = bound.PreparedStatement.State;
                    bound.PreparedStatement.Update(state with { ResultMetadataId = newId, ResultColumns = rows.Columns });
                }

                return rows;
            case SetKeyspaceResult set:
                _keyspace = set.Keyspace;
                return RowSet.Empty();
            case SchemaChange:
                await _core.WaitForSchemaAgreementAsync(token).ConfigureAwait(false);
                return RowSet.Empty();
            default:
                throw new ProtocolException($"Unexpected {result.GetType().Name} in reply to {statement.GetType().Name} from {connection.EndpointName}.");
        }
    }
}
