using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace AsyncCassandra.LoadTool;

/// <summary>
/// Development aid, off unless LOADTOOL_ALLOC_PROFILE=1: samples allocations during the timed phase with the
/// runtime's GCAllocationTick event (one event per ~100 KB allocated, carrying the type of the object that crossed the
/// threshold) and prints the estimated bytes per type and per operation to stderr. The listener itself adds a little
/// allocation and CPU, so never combine it with a measured run.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public static AllocationSampler? StartIfEnabled() =>
        Environment.GetEnvironmentVariable("LOADTOOL_ALLOC_PROFILE") == "1" ? new AllocationSampler() : null;

    public void Record(bool on) => _recording = on;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null)
        {
            return;
        }

        int typeIndex = e.PayloadNames.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (amountIndex < 0)
        {
            amountIndex = e.PayloadNames.IndexOf("AllocationAmount");
        }

        string type = typeIndex >= 0 ? e.Payload[typeIndex] as string ?? "?" : "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type, amount, (_, old) => old + amount);
    }

    public void Report(string tag, long operations, long measuredBytes)
    {
        long sampled = _bytes.Values.Sum();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{tag}] allocation sample: {sampled / 1e6:0.0} MB sampled, {measuredBytes / 1e6:0.0} MB measured; estimated bytes per op by type:"));
        foreach ((string type, long bytes) in _bytes.OrderByDescending(p => p.Value).Take(30))
        {
            double share = sampled == 0 ? 0 : (double)bytes / sampled;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {share * measuredBytes / operations,8:0.0} B/op  {share,6:P1}  {type}"));
        }
    }
}
