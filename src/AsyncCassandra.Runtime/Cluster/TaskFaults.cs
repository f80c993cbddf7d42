namespace AsyncCassandra.Cluster;

/// <summary>Background work started and not awaited: its failure is already logged or retried where it happens.</summary>
internal static class TaskFaults
{
    /// <summary>Observes the task's exception so it never surfaces as an unobserved task exception.</summary>
    public static void Forget(this Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
