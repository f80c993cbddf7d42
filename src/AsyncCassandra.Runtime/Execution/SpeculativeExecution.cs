using System.Runtime.ExceptionServices;
using AsyncCassandra.Cluster;

namespace AsyncCassandra.Execution;

/// <summary>
/// Speculative execution of an idempotent request: when an execution has not answered within the policy's delay,
/// another starts on the next node of the same plan. The first success wins and the others are cancelled (and have
/// ended when this returns); an execution's error waits for the others, and is the caller's only when none is left
/// running.
/// </summary>
internal static class SpeculativeExecution
{
    public static async Task<RowSet> RunAsync(RequestExecutor executor, RequestState request, QueryPlan plan, ISpeculativeExecutionPolicy policy, CancellationToken cancellationToken)
    {
        using var executions = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<RowSet>>(2) { executor.RunPlanAsync(request, plan, 0, executions.Token).AsTask() };
        int started = 1;
        bool speculating = true;
        ExceptionDispatchInfo? firstError = null;
        try
        {
            while (true)
            {
                Task? timer = null;
                if (speculating && started < plan.NodeCount && policy.NextExecutionDelay(request.Statement, started) is { } delay)
                {
                    long remaining = request.Deadline - Environment.TickCount64;
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
                    CassandraLog.SpeculativeExecution(executor.Logger, CassandraDiagnostics.Operation(request.Statement), started + 1);
                    running.Add(executor.RunPlanAsync(request, plan, started, executions.Token).AsTask());
                    started++;
                    continue;
                }

                var done = (Task<RowSet>)finished;
                running.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    return done.Result;
                }

                firstError ??= ExceptionDispatchInfo.Capture(done.Exception?.InnerException ?? new OperationCanceledException(cancellationToken));
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
}
