namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>
/// One workload run in one process: <see cref="SetupAsync"/> (prepare, truncate; not timed), <see cref="WarmupAsync"/>
/// (not timed), then <see cref="RunAsync"/> (the timed phase) which returns the result line. A new variant (for
/// example a generated repository) derives from <see cref="RequestWorkload"/> or <see cref="ScanWorkload"/> and
/// overrides one method; then it gets a line in <see cref="WorkloadRegistry"/>.
/// </summary>
internal interface IWorkload
{
    Task SetupAsync(CancellationToken ct);

    Task WarmupAsync(CancellationToken ct);

    Task<WorkloadResult> RunAsync(CancellationToken ct);
}

/// <summary>The result line, and why the run is invalid when it is (a wrong checksum or wrong rows).</summary>
internal sealed record WorkloadResult(string Line, string? Failure = null);

/// <summary>Connects, runs setup, warm-up and the timed phase of one workload, prints its line.</summary>
internal static class Runner
{
    public static async Task<int> RunAsync(WorkloadRegistry.Entry entry, HarnessSettings settings, CancellationToken ct)
    {
        var (cluster, session) = await Node.ConnectAsync(settings, entry.ViaProxy, ct);
        await using (cluster)
        await using (session)
        {
            IWorkload workload = entry.Factory!(entry.Tag, session, new RequestShape(entry.InFlight, settings.Requests));
            await workload.SetupAsync(ct);
            await workload.WarmupAsync(ct);
            WorkloadResult result = await workload.RunAsync(ct);
            Console.WriteLine(result.Line);
            if (result.Failure is { } failure)
            {
                Console.Error.WriteLine($"{entry.Tag} FAILED: {failure}");
                return 1;
            }
        }

        return 0;
    }
}
