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
        return ExecuteCoreAsync(statement, Defaults(), statement.Timeout, cancellationToken).AsTask();
    }

    /// <summary>
    /// <see cref="ExecuteAsync(Statement, CancellationToken)"/> as a <see cref="ValueTask{TResult}"/> whose state
    /// machine is pooled (advanced: generated repositories use it; await it exactly once).
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Advanced)]
    public ValueTask<RowSet> ExecuteValueAsync(Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ThrowIfDisposed();
        return ExecuteCoreAsync(statement, Defaults(), statement.Timeout, cancellationToken);
    }

    private RequestDefaults Defaults() => new(_core.Options.DefaultConsistency, _core.Options.DefaultSerialConsistency, _core.Options.DefaultPageSize);

    /// <summary>
    /// The request pipeline: one deadline for the whole call (checked by each connection's sweep, so no timer is armed
    /// per request), the caller's token, metrics and a trace span (each a single check when nobody listens), around
    /// <see cref="RunPlanAsync"/> (or, for idempotent statements under a speculative execution policy,
    /// <see cref="SpeculateAsync"/>).
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<RowSet> ExecuteCoreAsync(Statement statement, RequestDefaults defaults, TimeSpan? timeoutOverride, CancellationToken cancellationToken)
    {
        System.Diagnostics.Activity? activity = CassandraDiagnostics.StartRequest(statement, _keyspace);
        bool measured = CassandraDiagnostics.RequestDuration.Enabled || CassandraDiagnostics.Requests.Enabled;
        long started = measured ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        bool counted = CassandraDiagnostics.ActiveRequests.Enabled;
        if (counted)
        {
            CassandraDiagnostics.ActiveRequests.Add(1);
        }

        Exception? failure = null;
        TimeSpan timeout = timeoutOverride ?? _core.Options.RequestTimeout;
        EnterRequest();
        try
        {
            if (!_core.IsInitialized)
            {
                // A session made by AsyncCluster.CreateSession connects on first use.
                await _core.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            long deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
            QueryPlan plan = _core.QueryPlan(statement);
            RowSet rows = _core.Options.SpeculativeExecutionPolicy is { } speculation && statement.Idempotent
                ? await SpeculateAsync(statement, defaults, plan, speculation, deadline, cancellationToken).ConfigureAwait(false)
                : await RunPlanAsync(statement, defaults, plan, 0, deadline, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("server.address", rows.Host);
            return rows;
        }
        catch (RequestTimedOutException timedOut)
        {
            CassandraDiagnostics.Timeouts.Add(1);
            Dictionary<string, Exception>? errors = timedOut.Errors;
            failure = new TimeoutException($"The request did not complete within {timeout.TotalSeconds:0.###} s{(errors is null ? string.Empty : " (errors: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")) + ")")}. Raise Statement.Timeout or CassandraOptions.RequestTimeout if the work is expected to take longer. Statement: {statement}");
            throw failure;
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) != 0 && ex is CassandraException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = new ObjectDisposedException(nameof(AsyncSession), "The session was disposed while the request was running.");
            throw failure;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            if (activity is not null)
            {
                if (failure is not null)
                {
                    activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.Message);
                }

                activity.Dispose();
            }

            if (counted)
            {
                CassandraDiagnostics.ActiveRequests.Add(-1);
            }

            ExitRequest();

            if (measured)
            {
                var outcome = new KeyValuePair<string, object?>("outcome", CassandraDiagnostics.Outcome(failure));
                CassandraDiagnostics.Requests.Add(1, outcome);
                CassandraDiagnostics.RequestDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, outcome);
            }
        }
    }

    /// <summary>
    /// One execution of a request: the query plan's nodes in turn (after skipping the first <paramref name="skip"/>,
    /// which earlier executions took), the retry policy's decisions and transparent re-prepare.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RowSet> RunPlanAsync(Statement statement, RequestDefaults defaults, QueryPlan plan, int skip, long deadline, CancellationToken cancellationToken)
    {
        Dictionary<string, Exception>? errors = null;
        try
        {
            for (int skipped = 0; skipped < skip && plan.TryNext(out _); skipped++)
            {
            }

            int attempt = 0;
            bool idempotent = statement.Idempotent;
            CassandraException? lastServerError = null;
            while (plan.TryNext(out Host? host))
            {
                int reprepared = 0;
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
                        if (_keyspace is { } keyspace && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
                        {
                            await connection.SetKeyspaceAsync(keyspace, cancellationToken).ConfigureAwait(false);
                        }

                        ResponseFrame frame = await connection.SendAsync(new StatementRequest(statement, defaults), deadline, cancellationToken, statement.EnableTracing ? HeaderFlags.Tracing : HeaderFlags.None).ConfigureAwait(false);
                        object result = ResponseReader.Read(frame, connection.Version, connection.EndpointName, statement.KnownResultColumns, statement.RecyclesResults);
                        RowSet rows = result is RowSet direct && direct.NewResultMetadataId is null
                            ? direct
                            : await InterpretAsync(result, connection, statement, cancellationToken).ConfigureAwait(false);
                        rows.Host = connection.EndpointName;
                        return rows;
                    }
                    catch (UnpreparedException ex) when (reprepared++ == 0)
                    {
                        // The node forgot the statement (it restarted): prepare it again there, then retry at once.
                        await RepreparAsync(connection, statement, ex.PreparedId, cancellationToken).ConfigureAwait(false);
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

                        CassandraDiagnostics.Retries.Add(1);
                        (errors ??= [])[host.Endpoint] = ex;
                        lastServerError = ex.ErrorCode is not null ? ex : null;
                        if (decision == RetryDecision.RetryNextHost)
                        {
                            break;
                        }
                    }
                }
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
        catch (RequestTimedOutException timedOut)
        {
            timedOut.Errors ??= errors;
            throw;
        }
    }

    /// <summary>
    /// Speculative execution of an idempotent request: when an execution has not answered within the policy's delay,
    /// another starts on the next node of the same plan. The first success wins and the others are cancelled (and have
    /// ended when this returns); an execution's error waits for the others, and is the caller's only when none is left
    /// running.
    /// </summary>
    private async Task<RowSet> SpeculateAsync(Statement statement, RequestDefaults defaults, QueryPlan plan, ISpeculativeExecutionPolicy policy, long deadline, CancellationToken cancellationToken)
    {
        using var executions = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<RowSet>>(2) { RunPlanAsync(statement, defaults, plan, 0, deadline, executions.Token).AsTask() };
        int started = 1;
        bool speculating = true;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? firstError = null;
        try
        {
            while (true)
            {
                Task? timer = null;
                if (speculating && started < plan.NodeCount && policy.NextExecutionDelay(statement, started) is { } delay)
                {
                    long remaining = deadline - Environment.TickCount64;
                    timer = remaining > delay.TotalMilliseconds ? Task.Delay(delay, executions.Token) : null;
                }

                Task finished = timer is null ? await Task.WhenAny(running).ConfigureAwait(false) : await Task.WhenAny([.. running, timer]).ConfigureAwait(false);
                if (finished == timer)
                {
                    if (timer.IsCanceled)
                    {
                        speculating = false; // the caller cancelled: the executions end with it
                        continue;
                    }

                    CassandraDiagnostics.SpeculativeExecutions.Add(1);
                    running.Add(RunPlanAsync(statement, defaults, plan, started, deadline, executions.Token).AsTask());
                    started++;
                    continue;
                }

                var done = (Task<RowSet>)finished;
                running.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    return done.Result;
                }

                firstError ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(done.Exception?.InnerException ?? new OperationCanceledException(cancellationToken));
                if (running.Count == 0)
                {
                    firstError.Throw();
                }

                // An execution failed after its retries; the others may still succeed, but no new one starts.
                speculating = false;
            }
        }
        finally
        {
            if (running.Count > 0)
            {
                // The others end before the caller goes on: a generated repository reuses the buffer of the
                // statement's encoded values as soon as the call returns, and an execution between two awaits could
                // still encode a retry from it. Cancelled, they end at their next await (a request waiting for a
                // reply is released at once; its late reply is discarded).
                executions.Cancel();
                Task all = Task.WhenAll(running);
                await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                _ = all.Exception; // observed: the losers' cancellations are expected
            }
        }
    }

    private async ValueTask<RowSet> InterpretAsync(object result, Connection connection, Statement statement, CancellationToken token)
    {
        switch (result)
        {
            case RowSet rows:
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
                await _core.WaitForSchemaAgreementAsync(connection, token).ConfigureAwait(false);
                return RowSet.Empty();
            default:
                throw new ProtocolException($"Unexpected {result.GetType().Name} in reply to {statement.GetType().Name} from {connection.EndpointName}.");
        }
    }
}
