using System.Globalization;
using AsyncCassandra.LoadTool;
using AsyncCassandra.LoadTool.Workloads;

// AsyncCassandra load tool: the end-to-end workloads of ../shared/WORKLOADS.md, one workload per process.
//
//   dotnet run -c Release --project benchmarks/AsyncCassandra.LoadTool -- <verb> [options]
//
// Verbs: load, W1, W2, W3 and the variants listed by `help`; node, stop-node.
// Node: CASSANDRA_CONTACT_POINTS (and CASSANDRA_PORT) when set; otherwise a node is started (or reused) on
// 127.0.0.K:9042 with CassandraTestCluster, K = --first-octet (default 1), and left running for the next process.

const string Usage = """
    usage: AsyncCassandra.LoadTool <verb> [options]
      load        create keyspace bench (kv, kv2, wide), load kv (10,000 rows) and wide (200,000 rows),
                  set memtable_flush_period_in_ms = 60000 on kv and wide and wait 75 s for the flush
      W1 | W2 | W3 | <variant>
                  run one workload and print its result line (see WORKLOADS.md)
      node        start (or reuse) the node and print where it is: CASSANDRA_CONTACT_POINTS=... CASSANDRA_PORT=...
      stop-node   stop the node this tool starts (127.0.0.K) if it runs; never an external one
      list        list the workload tags
    options:
      --no-wait          load: skip the 75 s flush wait (development only; reads then hit memtables)
      --first-octet K    the node to start/reuse/stop when CASSANDRA_CONTACT_POINTS is not set (default 1)
      --port P           its native port (default 9042)
      --no-token-routing CassandraOptions.TokenAwareRouting = false (to measure what routing costs)
      --requests N       timed requests of a W1/W3 kind (default 100,000); development only: not comparable
    environment: CASSANDRA_CONTACT_POINTS, CASSANDRA_PORT (an existing node; nothing is started);
                 BENCH_PROXY=host:port for the variants through the delay proxy (W1d, W3d)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine(Usage);
    Console.Error.WriteLine(WorkloadRegistry.Describe());
    return args.Length == 0 ? 2 : 0;
}

var settings = new HarnessSettings();
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--no-wait":
            settings.NoWait = true;
            break;
        case "--first-octet" when i + 1 < args.Length:
            settings.FirstOctet = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--no-token-routing":
            settings.TokenAwareRouting = false;
            break;
        case "--requests" when i + 1 < args.Length:
            settings.Requests = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--port" when i + 1 < args.Length:
            settings.Port = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown option '{args[i]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

try
{
    switch (args[0])
    {
        case "load":
            return await Loader.RunAsync(settings, cts.Token);
        case "stop-node":
            return await Node.StopAsync(settings, cts.Token);
        case "node":
            return await Node.PrintAsync(settings, cts.Token);
        case "list":
            Console.WriteLine(WorkloadRegistry.Describe());
            return 0;
    }

    if (!WorkloadRegistry.TryGet(args[0], out WorkloadRegistry.Entry? entry))
    {
        Console.Error.WriteLine($"unknown verb or workload '{args[0]}'");
        Console.Error.WriteLine(WorkloadRegistry.Describe());
        return 2;
    }

    if (entry.Factory is null)
    {
        Console.Error.WriteLine($"{entry.Tag}: {entry.Description}");
        return 3;
    }

    return await Runner.RunAsync(entry, settings, cts.Token);
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
