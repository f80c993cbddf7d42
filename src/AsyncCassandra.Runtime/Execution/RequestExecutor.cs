using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Execution;

/// <summary>
/// The request pipeline of a session. One deadline bounds the whole call (checked by each connection's sweep, so no
/// timer is armed per request); metrics and a trace span cost a single check each when nobody listens. Inside, one
/// attempt loop walks the query plan: the retry policy decides after each failure, a node that forgot a prepared
/// statement gets it again, and an idempotent statement under a speculative execution policy races a second execution
/// (<see cref="SpeculativeExecution"/>).
/// </summary>
internal sealed class RequestExecutor
{
    private readonly SessionScope _scope;
    private readonly PrepareCache _prepares;

    public RequestExecutor(SessionScope scope, PrepareCache prepares)
    {
        _scope = scope;
        _prepares = prepares;
    }

    private ClusterCore Cluster => _scope.Cluster;

    internal Microsoft.Extensions.Logging.ILogger Logger => _scope.Cluster.Logger;

    public RequestDefaults Defaults() => RequestDefaults.From(_scope.Options);

    /// <summary>
    /// Runs a statement and returns the first page of its result. <paramref name="ownership"/> says who returns the
    /// page's pooled buffers (see <see cref="ResultBuffers"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RowSet> ExecuteAsync(Statement statement, RequestDefaults defaults, TimeSpan? timeoutOverride, ResultBuffers ownership, CancellationToken cancellationToken)
    {
        Activity? activity = CassandraDiagnostics.StartRequest(statement, _scope.Keyspace, defaults.Consistency);
        long started = Stopwatch.GetTimestamp(); // the in-memory statistics are always kept
        RowSet? result = null;
        bool counted = CassandraDiagnostics.ActiveRequests.Enabled;
        if (counted)
        {
            CassandraDiagnostics.ActiveRequests.Add(1);
        }

        Exception? failure = null;
        bool limited = false;
        TimeSpan timeout = timeoutOverride ?? _scope.Options.RequestTimeout;
        _scope.EnterRequest(); // a graceful shutdown waits for it (SessionScope.DrainAsync)
        try
        {
            if (!Cluster.IsInitialized)
            {
                // A session made by AsyncCluster.CreateSession connects on first use.
                await Cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            var request = new RequestState(statement, defaults, Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds), ownership, activity);
            RequestQueue queue = _scope.Queue;
            if (queue.Limited)
            {
                await queue.EnterAsync(request.Deadline, cancellationToken).ConfigureAwait(false);
                limited = true;
            }

            while (true)
            {
                QueryPlan plan = Cluster.QueryPlan(statement);
                try
                {
                    result = _scope.Options.SpeculativeExecutionPolicy is { } speculation && statement.Idempotent
                        ? await SpeculativeExecution.RunAsync(this, request, plan, speculation, cancellationToken).ConfigureAwait(false)
                        : await RunPlanAsync(request, plan, 0, cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (NoHostAvailableException none) when (AllBusy(none) && !_scope.IsDisposed)
                {
                    // Every connection to every node of the plan carries all the requests it can: wait (bounded) for
                    // a stream id to be freed instead of failing at once, then walk a fresh plan.
                    await queue.WaitForStreamIdAsync(_scope.HasFreeStreamId, request.Deadline, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RequestTimedOutException timedOut)
        {
            CassandraDiagnostics.Timeouts.Add(1, new KeyValuePair<string, object?>("db.operation.name", CassandraDiagnostics.Operation(statement)));
            string errors = timedOut.Errors is { Count: > 0 } e ? " (errors: " + NodeErrors.Describe(e) + ")" : string.Empty;
            failure = new TimeoutException($"The request did not complete within {timeout.TotalSeconds:0.###} s{errors}. Raise Statement.Timeout or CassandraOptions.RequestTimeout if the work is expected to take longer. Statement: {statement}");
            throw failure;
        }
        catch (Exception ex) when (_scope.IsDisposed && ex is CassandraException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
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
                    activity.SetStatus(ActivityStatusCode.Error, failure.Message);
                }

                activity.Dispose();
            }

            if (counted)
            {
                CassandraDiagnostics.ActiveRequests.Add(-1);
            }

            if (limited)
            {
                _scope.Queue.Exit();
            }

            _scope.ExitRequest();

            try
            {
                Completed(statement, Stopwatch.GetElapsedTime(started), result, failure);
            }
            catch (Exception)
            {
                // A metrics listener or logger that throws must not turn the request's outcome into its own error.
            }
        }
    }

    /// <summary>
    /// A call completed: the in-memory statistics count it, and the metrics (when listened to) record it tagged by
    /// operation and by the node of its last attempt (OpenTelemetry's db.operation.name, server.address, server.port).
    /// </summary>
    private void Completed(Statement statement, TimeSpan elapsed, RowSet? result, Exception? failure)
    {
        string outcome = CassandraDiagnostics.Outcome(failure);
        Cluster.Statistics.Record(elapsed, outcome);
        bool measured = CassandraDiagnostics.RequestDuration.Enabled || CassandraDiagnostics.Requests.Enabled || CassandraDiagnostics.OperationDuration.Enabled;
        bool traced = Cluster.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Trace);
        if (!measured && !traced)
        {
            return;
        }

        string operation = CassandraDiagnostics.Operation(statement);
        Host? node = result?.Node ?? Cluster.HostOf((failure as CassandraException)?.Host);
        if (traced)
        {
            CassandraLog.RequestCompleted(Cluster.Logger, operation, node?.Endpoint ?? "no node", outcome, elapsed.TotalMilliseconds);
        }

        if (!measured)
        {
            return;
        }

        var tags = new TagList { { "outcome", outcome }, { "db.operation.name", operation } };
        if (node is not null)
        {
            tags.Add(node.Tags[0]);
            tags.Add(node.Tags[1]);
        }

        CassandraDiagnostics.Requests.Add(1, tags);
        CassandraDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (CassandraDiagnostics.OperationDuration.Enabled)
        {
            var semantic = new TagList { { "db.system.name", "cassandra" }, { "db.operation.name", operation } };
            if (_scope.Keyspace is { } keyspace)
            {
                semantic.Add("db.namespace", keyspace);
            }

            if (node is not null)
            {
                semantic.Add(node.Tags[0]);
                semantic.Add(node.Tags[1]);
            }

            if (failure is not null)
            {
                semantic.Add("error.type", failure is TimeoutException ? "timeout" : failure.GetType().FullName);
            }

            CassandraDiagnostics.OperationDuration.Record(elapsed.TotalSeconds, semantic);
        }
    }

    /// <summary>Whether a plan failed only because every connection it tried had no free stream id.</summary>
    private static bool AllBusy(NoHostAvailableException error)
    {
        if (error.Errors.Count == 0)
        {
            return false;
        }

        foreach (Exception e in error.Errors.Values)
        {
            if (e is not BusyConnectionException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One execution of a request: the query plan's nodes in turn (after skipping the first <paramref name="skip"/>,
    /// which earlier executions took), the retry policy's decisions and transparent re-prepare.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<RowSet> RunPlanAsync(RequestState request, QueryPlan plan, int skip, CancellationToken cancellationToken)
    {
        NodeErrors? errors = null; // made on the first failure: a request that succeeds at once allocates none
        Statement statement = request.Statement;
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
                    if (Environment.TickCount64 >= request.Deadline)
                    {
                        throw new RequestTimedOutException();
                    }

                    CassandraDiagnostics.TagServer(request.Activity, host.Address, host.Port);
                    Connection connection;
                    try
                    {
                        connection = await _scope.Pool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (CassandraException ex) when (ex is ConnectionException or BusyConnectionException)
                    {
                        (errors ??= new NodeErrors()).Add(host.Endpoint, ex);
                        lastServerError = null;
                        break;
                    }

                    long attemptStarted = Stopwatch.GetTimestamp();
                    try
                    {
                        // One attempt, in this method rather than an async method of its own: one state machine fewer
                        // per request, to run and for the JIT to compile while an application warms up.
                        if (_scope.Keyspace is { } keyspace && !string.Equals(connection.Keyspace, keyspace, StringComparison.Ordinal))
                        {
                            await connection.SetKeyspaceAsync(keyspace, cancellationToken).ConfigureAwait(false);
                        }

                        // Skip_metadata when the result columns are known from PREPARE (saves the server writing, and the
                        // client parsing, them per page), unless a schema change was heard of since they were read or
                        // they proved stale.
                        PreparedState? prepared = (statement as BoundStatement)?.PreparedStatement.State;
                        long schemaGeneration = Cluster.SchemaGeneration;
                        bool skipMetadata = prepared is { ResultColumns.Count: > 0 } && !request.FreshMetadata && prepared.SchemaGeneration == schemaGeneration;
                        ResponseFrame frame = await connection.SendAsync(new StatementRequest(statement, request.Defaults, skipMetadata), request.Deadline, cancellationToken, statement.EnableTracing ? HeaderFlags.Tracing : HeaderFlags.None, keepsResult: request.Ownership == ResultBuffers.Owned).ConfigureAwait(false);
                        Response response = connection.Decode(frame, prepared?.ResultColumns, request.Ownership);
                        RowSet rows = response.ResultKind == ResultKind.SchemaChange
                            ? await SchemaChangedAsync(connection, response, cancellationToken).ConfigureAwait(false)
                            : Interpret(connection, request, response, schemaGeneration, skipMetadata);
                        rows.Host = connection.EndpointName;
                        host.Statistics.Record(Stopwatch.GetElapsedTime(attemptStarted), CassandraDiagnostics.Success);
                        rows.Node = host;
                        return rows;
                    }
                    catch (Exception ex) when (AttemptFailed(host, attemptStarted, ex, cancellationToken))
                    {
                        throw; // never: the filter only counts the failure for the node
                    }
                    catch (StaleResultMetadataException stale) when (!request.FreshMetadata)
                    {
                        // The table changed under a prepared statement (CASSANDRA-10786). Prepared again first: the
                        // PREPARE reply carries the server's columns, even where a server does not send them with rows
                        // once skip_metadata was used (Cassandra 2.1.0, CASSANDRA-8054).
                        CassandraDiagnostics.MetadataRefreshes.Add(1);
                        PreparedStatement stalePrepared = ((BoundStatement)statement).PreparedStatement;
                        stalePrepared.ForgetResultColumns();
                        await _prepares.RepreparAsync(connection, statement, stalePrepared.State.Id, cancellationToken).ConfigureAwait(false);
                        if (!idempotent)
                        {
                            // The server ran it: only an idempotent statement runs again.
                            throw new ProtocolException($"{stale.Message} The statement is not idempotent, so it was not run again; its result columns were read again and its next execution uses them. Mark it idempotent to have such executions repeated transparently.", stale) { Host = connection.EndpointName };
                        }

                        // Run again asking for the metadata, which then replaces the cache: the server's columns win.
                        request = request with { FreshMetadata = true };
                    }
                    catch (UnpreparedException ex) when (reprepared++ == 0)
                    {
                        // The node forgot the statement (it restarted): prepare it again there, then retry at once.
                        await _prepares.RepreparAsync(connection, statement, ex.PreparedId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (BusyConnectionException ex)
                    {
                        // Not sent: any statement may go elsewhere.
                        (errors ??= new NodeErrors()).Add(host.Endpoint, ex);
                        break;
                    }
                    catch (CassandraException ex) when (ex is not ProtocolVersionException && !_scope.IsDisposed)
                    {
                        RetryDecision decision = _scope.Options.RetryPolicy.Decide(new RetryContext(statement, ex, attempt, idempotent));
                        attempt++;
                        if (decision == RetryDecision.Rethrow)
                        {
                            throw;
                        }

                        CassandraDiagnostics.Retries.Add(1, host.Tags);
                        CassandraLog.Retry(Cluster.Logger, CassandraDiagnostics.Operation(statement), host.Endpoint, ex.GetType().Name, decision, attempt);
                        (errors ??= new NodeErrors()).Add(host.Endpoint, ex);
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
                ExceptionDispatchInfo.Throw(lastServerError);
            }

            throw (errors ?? new NodeErrors()).NoHostAvailable("run the request");
        }
        catch (RequestTimedOutException timedOut)
        {
            timedOut.Errors ??= errors is { Count: > 0 } ? new Dictionary<string, Exception>(errors.All) : null;
            throw;
        }
    }

    /// <summary>Counts a failed attempt in the node's statistics (an exception filter: returns false, so the failure goes on).</summary>
    private static bool AttemptFailed(Host host, long started, Exception error, CancellationToken cancellationToken)
    {
        if (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            host.Statistics.Record(Stopwatch.GetElapsedTime(started), CassandraDiagnostics.Outcome(error));
        }

        return false;
    }

    /// <summary>What a reply other than a schema change means for the session, and the rows it carries.</summary>
    private RowSet Interpret(Connection connection, RequestState request, Response response, long schemaGeneration, bool skipMetadata)
    {
        Statement statement = request.Statement;
        switch (response.ResultKind)
        {
            case ResultKind.Rows:
                RowSet rows = RowSet.From(response, request.Ownership);
                if (statement is BoundStatement changed)
                {
                    PreparedState state = changed.PreparedStatement.State;
                    if (rows.NewResultMetadataId is { } newId)
                    {
                        // v5: the server's result metadata changed (§4.2.5.2): later executions send the new id.
                        changed.PreparedStatement.Update(state with { ResultMetadataId = newId, ResultColumns = rows.Columns, SchemaGeneration = schemaGeneration });
                    }
                    else if (!skipMetadata && state.ResultColumns is { Count: > 0 } && (state.SchemaGeneration != schemaGeneration || !ReferenceEquals(rows.Columns, state.ResultColumns)))
                    {
                        // The server's columns, asked for after a schema change: they win over the cached ones (a server
                        // that sent none, as 2.1.0 may, leaves the cached ones current).
                        changed.PreparedStatement.Update(state with { ResultColumns = rows.Columns, SchemaGeneration = schemaGeneration });
                    }
                }

                return rows;
            case ResultKind.Void:
                return RowSet.From(response, ResultBuffers.Owned);
            case ResultKind.SetKeyspace:
                _scope.Keyspace = response.Keyspace;
                return RowSet.From(response, ResultBuffers.Owned);
            default:
                throw response.IsError
                    ? ServerErrors.ToException(response.Error, connection.EndpointName)
                    : new ProtocolException($"Unexpected {response.Describe()} in reply to {statement.GetType().Name} from {connection.EndpointName}.") { Host = connection.EndpointName };
        }
    }

    /// <summary>A schema change this client made: the nodes agree on it before the call returns.</summary>
    private async ValueTask<RowSet> SchemaChangedAsync(Connection connection, Response response, CancellationToken cancellationToken)
    {
        Cluster.NoteSchemaChange();
        await Cluster.WaitForSchemaAgreementAsync(connection, cancellationToken).ConfigureAwait(false);
        if (response.SchemaChange.Target == "KEYSPACE")
        {
            // This client's own keyspace change: route in it at once, not after the event's debounce window.
            await Cluster.RefreshKeyspacesAsync(cancellationToken).ConfigureAwait(false);
        }

        return RowSet.From(response, ResultBuffers.Owned);
    }
}

/// <summary>One request as every execution and attempt of it sees it.</summary>
/// <param name="Statement">What runs.</param>
/// <param name="Defaults">The session's defaults and the pager's overrides.</param>
/// <param name="Deadline">When the whole call times out (Environment.TickCount64).</param>
/// <param name="Ownership">Who returns the result's pooled buffers.</param>
/// <param name="Activity">The trace span, when one is recorded.</param>
internal readonly record struct RequestState(Statement Statement, RequestDefaults Defaults, long Deadline, ResultBuffers Ownership, Activity? Activity)
{
    /// <summary>Ask for the result metadata even when it is cached (the cached columns proved stale).</summary>
    public bool FreshMetadata { get; init; }
}
