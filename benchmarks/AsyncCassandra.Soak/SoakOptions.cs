namespace AsyncCassandra.Soak;

/// <summary>What one soak run does: how long, how hard, which cluster, and the memory bound it must stay within.</summary>
public sealed class SoakOptions
{
    /// <summary>How long the load runs (the short mode: 30 s; the long mode: minutes).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrent workers, each running one operation at a time.</summary>
    public int Workers { get; set; } = 32;

    /// <summary>The most operations the run starts (a bound on count as well as on time).</summary>
    public long MaxOperations { get; set; } = 50_000_000;

    /// <summary>Last octet of the first node's loopback address: nodes run on 127.0.0.K..K+2.</summary>
    public int FirstAddressOctet { get; set; } = 93;

    /// <summary>Stop a node at this fraction of the run and start it again at <see cref="RestartAt"/>; null: no node churn.</summary>
    public double? StopAt { get; set; } = 0.2;

    /// <summary>When the stopped node is started again, as a fraction of the run.</summary>
    public double RestartAt { get; set; } = 0.35;

    /// <summary>How much managed memory, and how much unmanaged memory, may grow from the middle of the run to its end.</summary>
    public long MemoryBoundBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Where progress lines go.</summary>
    public Action<string> Log { get; set; } = Console.WriteLine;
}
