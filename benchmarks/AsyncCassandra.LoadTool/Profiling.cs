using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace AsyncCassandra.LoadTool;

/// <summary>
/// A listener to the runtime's own events during the timed phase only (<see cref="Record"/> switches it): the
/// development aids below. Each adds CPU and allocation of its own, so never combine one with a measured run.
/// </summary>
internal abstract class RuntimeEventSampler : EventListener
{
    private volatile bool _recording;

    /// <summary>Whether the timed phase runs: events outside it are ignored.</summary>
    protected bool Recording => _recording;

    /// <summary>The runtime event keywords to enable (a constant: it is read from the base constructor).</summary>
    protected abstract EventKeywords Keywords { get; }

    public void Record(bool on) => _recording = on;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, Keywords);
        }
    }
}

/// <summary>
/// Development aid, off unless LOADTOOL_ALLOC_PROFILE=1: samples allocations during the timed phase with the
/// runtime's GCAllocationTick event (one event per ~100 KB allocated, carrying the type of the object that crossed the
/// threshold) and prints the estimated bytes per type and per operation to stderr. The listener itself adds a little
/// allocation and CPU, so never combine it with a measured run.
/// </summary>
internal sealed class AllocationSampler : RuntimeEventSampler
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public static AllocationSampler? StartIfEnabled() =>
        Environment.GetEnvironmentVariable("LOADTOOL_ALLOC_PROFILE") == "1" ? new AllocationSampler() : null;

    protected override EventKeywords Keywords => (EventKeywords)0x1; // GC

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null)
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

/// <summary>
/// Development aid, off unless LOADTOOL_JIT_PROFILE=1: lists the methods the JIT compiles during the timed phase
/// (the runtime's MethodJittingStarted/MethodLoadVerbose events), with the time between the two, by namespace, the
/// longest ones and the AsyncCassandra ones by name. Short timed phases pay for tiered compilation (a method is
/// compiled again, instrumented and then optimized, after its first 30 calls and a delay): this shows which code that
/// is. Never combine it with a measured run.
/// </summary>
internal sealed class JitSampler : RuntimeEventSampler
{
    private readonly ConcurrentDictionary<ulong, DateTime> _started = new();
    private readonly ConcurrentQueue<(string Method, double Ms)> _methods = new();

    public static JitSampler? StartIfEnabled() =>
        Environment.GetEnvironmentVariable("LOADTOOL_JIT_PROFILE") == "1" ? new JitSampler() : null;

    protected override EventKeywords Keywords => (EventKeywords)0x10; // JIT

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || e.PayloadNames is null || e.Payload is null)
        {
            return;
        }

        int id = e.PayloadNames.IndexOf("MethodID");
        ulong methodId = id >= 0 ? Convert.ToUInt64(e.Payload[id], CultureInfo.InvariantCulture) : 0;
        if (e.EventName.StartsWith("MethodJittingStarted", StringComparison.Ordinal))
        {
            _started[methodId] = e.TimeStamp;
            return;
        }

        if (!e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
        {
            return;
        }

        int ns = e.PayloadNames.IndexOf("MethodNamespace");
        int name = e.PayloadNames.IndexOf("MethodName");
        double ms = _started.TryRemove(methodId, out DateTime started) ? (e.TimeStamp - started).TotalMilliseconds : 0;
        _methods.Enqueue(($"{(ns >= 0 ? e.Payload[ns] : "?")}::{(name >= 0 ? e.Payload[name] : "?")}", ms));
    }

    public void Report(string tag)
    {
        (string Method, double Ms)[] all = [.. _methods];
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{tag}] methods compiled during the timed phase: {all.Length}, {all.Sum(m => m.Ms):0} ms between start and load events; by namespace (compilations, ms):"));
        foreach (IGrouping<string, (string Method, double Ms)> group in all.GroupBy(m => Namespace(m.Method)).OrderByDescending(g => g.Sum(m => m.Ms)).Take(25))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Count(),5} {group.Sum(m => m.Ms),8:0.0}  {group.Key}"));
        }

        Console.Error.WriteLine($"[{tag}] the 40 longest compilations (ms):");
        foreach ((string method, double ms) in all.OrderByDescending(m => m.Ms).Take(40))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,7:0.00}  {method}"));
        }

        Console.Error.WriteLine($"[{tag}] AsyncCassandra methods (compilations, ms):");
        foreach (IGrouping<string, (string Method, double Ms)> group in all.Where(m => m.Method.Contains("AsyncCassandra", StringComparison.Ordinal)).GroupBy(m => m.Method).OrderByDescending(g => g.Sum(m => m.Ms)))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Count(),3} {group.Sum(m => m.Ms),7:0.00}  {group.Key}"));
        }
    }

    private static string Namespace(string method)
    {
        int generic = method.IndexOf('[', StringComparison.Ordinal);
        string type = method[..(generic > 0 ? generic : method.IndexOf("::", StringComparison.Ordinal))];
        int lastDot = type.LastIndexOf('.');
        return lastDot > 0 ? type[..lastDot] : type;
    }
}
