using System.Diagnostics;

namespace AsyncCassandra.Soak;

/// <summary>Memory of this process at one moment, after a full collection: managed heap, and the rest of the private bytes.</summary>
public readonly record struct MemorySample(string Label, long Operations, long ManagedBytes, long UnmanagedBytes, long WorkingSetBytes)
{
    public static MemorySample Take(string label, long operations)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        // Unmanaged: private bytes the GC heap does not account for (native buffers, sockets, thread stacks, JIT).
        long unmanaged = Math.Max(0, process.PrivateMemorySize64 - committed);
        return new MemorySample(label, operations, managed, unmanaged, process.WorkingSet64);
    }

    public override string ToString() =>
        $"{Label,-6} ops {Operations,12:N0}  managed {ManagedBytes / 1048576.0,8:0.0} MB  unmanaged {UnmanagedBytes / 1048576.0,8:0.0} MB  working set {WorkingSetBytes / 1048576.0,8:0.0} MB";
}
