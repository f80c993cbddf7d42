using System.Globalization;
using AsyncCassandra.Testing;

// asynccassandra test node CLI:
//   start [--nodes N] [--first-octet K] [--port P] [--heap MB] [--cluster-name NAME] [--timeout-seconds S]
//   stop
//   status
// Progress goes to stderr; `start` prints CASSANDRA_CONTACT_POINTS=... and CASSANDRA_PORT=... on stdout.

const string Usage = """
    usage: AsyncCassandra.TestNode.Cli <verb> [options]
      start [--nodes N] [--first-octet K] [--port P] [--heap MB] [--cluster-name NAME] [--timeout-seconds S]
                 start (or reuse) N nodes on 127.0.0.K.. and leave them running; prints
                 CASSANDRA_CONTACT_POINTS=... and CASSANDRA_PORT=... on stdout
      stop       stop every node recorded in the state directory
      status     list the recorded nodes and whether they answer
    state directory: ASYNCCASSANDRA_CACHE, else $XDG_CACHE_HOME/asynccassandra, else ~/.cache/asynccassandra
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

void Progress(string line) => Console.Error.WriteLine($"[testnode] {line}");

try
{
    switch (args[0])
    {
        case "start":
            return await StartAsync(args.AsSpan(1).ToArray(), Progress, cts.Token);
        case "stop":
            if (args.Length > 1)
            {
                break;
            }

            var stopped = await CassandraTestCluster.StopAllAsync(Progress, cts.Token);
            Progress($"{stopped} node(s) stopped");
            return 0;
        case "status":
            if (args.Length > 1)
            {
                break;
            }

            return await StatusAsync(cts.Token);
    }

    Console.Error.WriteLine(Usage);
    return 2;
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Progress("cancelled");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or ArgumentException or IOException or PlatformNotSupportedException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

static async Task<int> StartAsync(string[] options, Action<string> progress, CancellationToken ct)
{
    var settings = new CassandraTestClusterOptions { KeepRunning = true, Log = progress };
    for (var i = 0; i < options.Length; i++)
    {
        var name = options[i];
        if (i + 1 >= options.Length)
        {
            Console.Error.WriteLine($"{name} needs a value");
            return 2;
        }

        var value = options[++i];
        switch (name)
        {
            case "--nodes":
                settings.NodeCount = ParseInt(name, value);
                break;
            case "--first-octet":
                settings.FirstAddressOctet = ParseInt(name, value);
                break;
            case "--port":
                settings.Port = ParseInt(name, value);
                break;
            case "--heap":
                settings.HeapMegabytes = ParseInt(name, value);
                break;
            case "--cluster-name":
                settings.ClusterName = value;
                break;
            case "--timeout-seconds":
                settings.StartTimeout = TimeSpan.FromSeconds(ParseInt(name, value));
                break;
            default:
                Console.Error.WriteLine($"unknown option {name}");
                return 2;
        }
    }

    await using var cluster = await CassandraTestCluster.StartAsync(settings, ct);
    if (cluster.IsExternal)
    {
        progress("CASSANDRA_CONTACT_POINTS is set: nothing was started");
    }

    Console.WriteLine($"CASSANDRA_CONTACT_POINTS={string.Join(',', cluster.ContactPoints)}");
    Console.WriteLine($"CASSANDRA_PORT={cluster.Port.ToString(CultureInfo.InvariantCulture)}");
    return 0;
}

static async Task<int> StatusAsync(CancellationToken ct)
{
    Console.WriteLine($"state directory: {CassandraTestCluster.StateDirectory}");
    var external = Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS");
    if (!string.IsNullOrWhiteSpace(external))
    {
        Console.WriteLine($"CASSANDRA_CONTACT_POINTS={external} (tests use that cluster and start nothing)");
    }

    var nodes = await CassandraTestCluster.GetStatusAsync(ct);
    if (nodes.Count == 0)
    {
        Console.WriteLine("no nodes recorded");
        return 0;
    }

    Console.WriteLine($"{"address",-15} {"port",5} {"pid",8} {"process",-8} {"answers",-7} {"keep",-5} {"owner",7}  log");
    foreach (var node in nodes)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{node.Address,-15} {node.Port,5} {(node.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"),8} {(node.IsProcessAlive ? "alive" : "-"),-8} {(node.IsAnswering ? "yes" : "no"),-7} {(node.KeepRunning ? "yes" : "no"),-5} {(node.OwnerPid?.ToString(CultureInfo.InvariantCulture) ?? "-"),7}  {node.LogPath}"));
    }

    return 0;
}

static int ParseInt(string name, string value) =>
    int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
        ? result
        : throw new ArgumentException($"{name} expects an integer, not '{value}'.");
