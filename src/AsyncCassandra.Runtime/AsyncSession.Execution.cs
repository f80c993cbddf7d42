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

    internal async Task<RowSet> ExecuteCoreAsync(Statement statement, RequestDefaults defaults, TimeSpan? timeoutOverride, CancellationToken cancellationToken)
    {
        if (!_core.IsInitialized)
        {
            // A session made by AsyncCluster.CreateSession connects on first use.
            await _core.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        TimeSpan timeout = timeoutOverride ?? _core.Options.RequestTimeout;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposedCts.Token);
        linked.CancelAfter(timeout);
        CancellationToken token = linked.Token;
        Dictionary<string, Exception>? errors = null;
        int attempt = 0;
        bool idempotent = statement.Idempotent;
        CassandraException? lastServerError = null;
        try
        {
            foreach (Host host in _core.QueryPlan())
            {
                while (true)
                {
                    Connection connection;
                    try
                    {
                        connection = await GetPool(host).GetConnectionAsync(token).ConfigureAwait(false);
                    }
                    catch (ConnectionException ex)
                    {
                        (errors ??= [])[host.Endpoint] = ex;
                        lastServerError = null;
                        break;
                    }
                    catch (BusyConnectionException ex)
                    {
                        (errors ??= [])[host.Endpoint] = ex;
                        break;
                    }

                    try
                    {
                        return await RunOnAsync(connection, statement, defaults, token).ConfigureAwait(false);
                    }
                    catch (BusyConnectionException ex)
                    {
                        // Not sent: any statement may go elsewhere.
                        (errors ??= [])[host.Endpoint] = ex;
                        break;
                    }
                    catch (CassandraException ex) when (ex is not ProtocolVersionException)
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
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _disposed) == 0 && linked.IsCancellationRequested)
        {
            throw new TimeoutException($"The request did not complete within {timeout.TotalSeconds:0.###} s{(errors is null ? string.Empty : " (errors: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")) + ")")}. Raise Statement.Timeout or CassandraOptions.RequestTimeout if the work is expected to take longer. Statement: {statement}");
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _disposed) != 0 && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(AsyncSession), "The session was disposed while the request was running.");
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            // Report the caller's own token, not the linked one, as .NET APIs do.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
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

    private async Task<RowSet> RunOnAsync(Connection connection, Statement statement, RequestDefaults defaults, CancellationToken token)
    {
        if (_keyspace is { } keyspace && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
        {
            await connection.SetKeyspaceAsync(keyspace, token).ConfigureAwait(false);
        }

        for (int reprepared = 0; ; reprepared++)
        {
            IRequest request = statement.BuildRequest(defaults, connection.Version);
            ResponseFrame frame = await connection.SendAsync(request, token, statement.EnableTracing ? HeaderFlags.Tracing : HeaderFlags.None).ConfigureAwait(false);
            object result;
            try
            {
                result = ResponseReader.Read(frame, connection.Version, connection.EndpointName, statement.KnownResultColumns);
            }
            catch (UnpreparedException ex) when (reprepared == 0)
            {
                await RepreparAsync(connection, statement, ex.PreparedId, token).ConfigureAwait(false);
                continue;
            }

            return await InterpretAsync(result, connection, statement, token).ConfigureAwait(false);
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
