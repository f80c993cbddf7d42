using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncCassandra.Protocol;
using AsyncCassandra.Testing;

namespace AsyncCassandra.Soak;

/// <summary>What a soak run measured, and whether it stayed within its bounds.</summary>
public sealed class SoakResult
{
    public long Operations { get; init; }

    public long Succeeded { get; init; }

    public TimeSpan Elapsed { get; init; }

    public required IReadOnlyDictionary<string, long> OperationsByKind { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByType { get; init; }

    public required IReadOnlyList<MemorySample> Memory { get; init; }

    public required string CountersAfterDispose { get; init; }

    /// <summary>Why the run failed; empty when it passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    public bool Passed => Failures.Count == 0;

    public double Throughput => Operations / Elapsed.TotalSeconds;
}

/// <summary>
/// Mixed reads, QUORUM writes, streams and prepares on a 3-node cluster (RF 3) on loopback, with random cancellation
/// and short timeouts, while one node is stopped and started again. Bounded in time and in operations. Fails when
/// memory grows from the middle of the run to its end by more than the bound, when an error of an unexpected kind
/// occurs (a ProtocolException from a healthy node included), or when the runtime's counters (stream ids, pending requests, pooled buffers, connections) are not back
/// to idle once the session is disposed.
/// </summary>
public static class SoakRunner
{
    private const int Keys = 10_000;
    private const int Partitions = 20;
    private const int RowsPerPartition = 200;

    public static async Task<SoakResult> RunAsync(SoakOptions options, CancellationToken cancellationToken = default)
    {
        Action<string> log = options.Log;
        (long, long, long, long) idle = (ResourceCounters.StreamIdsInUse, ResourceCounters.PendingRequests, ResourceCounters.FrameBuffersRented, ResourceCounters.OpenConnections);
        log($"before: {ResourceCounters.Describe()}");
        var failures = new List<string>();
        var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var kinds = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var examples = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var memory = new List<MemorySample>();
        long started = 0, succeeded = 0;
        TimeSpan elapsed;

        await using CassandraTestCluster nodes = await CassandraTestCluster.StartAsync(
            new CassandraTestClusterOptions { FirstAddressOctet = options.FirstAddressOctet, NodeCount = 3, HeapMegabytes = 512, Log = log }, cancellationToken);
        var cassandra = new CassandraOptions
        {
            Port = nodes.Port,
            RequestTimeout = TimeSpan.FromSeconds(3),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            MaxPreparedStatements = 100,
        };
        foreach (string point in nodes.ContactPoints)
        {
            cassandra.ContactPoints.Add(point);
        }

        await using (var cluster = new AsyncCluster(cassandra))
        {
            AsyncSession session = await cluster.ConnectAsync(cancellationToken);
            await using (session)
            {
                await SetUpAsync(session, cancellationToken);
                PreparedStatement read = await session.PrepareAsync("SELECT k, v FROM soak.kv WHERE k = ?", cancellationToken);
                PreparedStatement write = await session.PrepareAsync("INSERT INTO soak.kv (k, v) VALUES (?, ?)", cancellationToken);
                PreparedStatement stream = await session.PrepareAsync("SELECT p, c, v FROM soak.wide WHERE p = ?", cancellationToken);
                memory.Add(MemorySample.Take("start", 0));
                log(memory[^1].ToString());

                var watch = Stopwatch.StartNew();
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                stop.CancelAfter(options.Duration);
                Task churn = ChurnAsync(nodes, options, watch, stop.Token);
                Task monitor = Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(options.Duration / 2, stop.Token);
                        lock (memory)
                        {
                            memory.Add(MemorySample.Take("middle", Interlocked.Read(ref started)));
                        }

                        log(memory[^1].ToString());
                    }
                    catch (OperationCanceledException)
                    {
                    }
                });

                await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(worker => Task.Run(async () =>
                {
                    var random = new Random(worker);
                    while (!stop.IsCancellationRequested && Interlocked.Increment(ref started) <= options.MaxOperations)
                    {
                        int dice = random.Next(100);
                        string kind = dice switch { < 45 => "read", < 75 => "write", < 88 => "stream", _ => "prepare" };
                        kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
                        using var cts = new CancellationTokenSource();
                        int cancel = random.Next(100);
                        if (cancel < 5)
                        {
                            cts.Cancel();
                        }
                        else if (cancel < 20)
                        {
                            cts.CancelAfter(random.Next(0, 10));
                        }

                        try
                        {
                            await RunOneAsync(session, kind, read, write, stream, random, cts.Token);
                            Interlocked.Increment(ref succeeded);
                        }
                        catch (Exception ex) when (ex is CassandraException or TimeoutException or OperationCanceledException)
                        {
                            errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                            examples.TryAdd(ex.GetType().Name, $"in a {kind} at {watch.Elapsed.TotalSeconds:0.0} s: {ex.Message}");
                        }
                        catch (Exception ex)
                        {
                            errors.AddOrUpdate("unexpected " + ex.GetType().Name, 1, (_, n) => n + 1);
                            lock (failures)
                            {
                                failures.Add($"unexpected error in a {kind}: {ex}");
                            }
                        }
                    }
                }, CancellationToken.None)));
                elapsed = watch.Elapsed;
                await monitor;
                await churn;
                memory.Add(MemorySample.Take("end", Interlocked.Read(ref started)));
                log(memory[^1].ToString());
            }
        }

        // Every id, pending request, buffer and connection is given back once the cluster is disposed.
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(10) && (ResourceCounters.StreamIdsInUse, ResourceCounters.PendingRequests, ResourceCounters.FrameBuffersRented, ResourceCounters.OpenConnections) != idle)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        string counters = ResourceCounters.Describe();
        if ((ResourceCounters.StreamIdsInUse, ResourceCounters.PendingRequests, ResourceCounters.FrameBuffersRented, ResourceCounters.OpenConnections) != idle)
        {
            failures.Add($"the runtime's counters are not back to idle after dispose: {counters}");
        }

        MemorySample middle = memory.FirstOrDefault(m => m.Label == "middle", memory[0]);
        MemorySample end = memory[^1];
        long managedGrowth = end.ManagedBytes - middle.ManagedBytes;
        long unmanagedGrowth = end.UnmanagedBytes - middle.UnmanagedBytes;
        if (managedGrowth > options.MemoryBoundBytes)
        {
            failures.Add($"managed memory grew by {managedGrowth / 1048576.0:0.0} MB from the middle of the run to its end (bound {options.MemoryBoundBytes / 1048576.0:0} MB)");
        }

        if (unmanagedGrowth > options.MemoryBoundBytes)
        {
            failures.Add($"unmanaged memory grew by {unmanagedGrowth / 1048576.0:0.0} MB from the middle of the run to its end (bound {options.MemoryBoundBytes / 1048576.0:0} MB)");
        }

        if (errors.TryGetValue(nameof(ProtocolException), out long malformed))
        {
            // Nothing corrupts frames in a soak: a malformed reply from a healthy node is the client's misreading.
            failures.Add($"{malformed} ProtocolException(s) from healthy nodes; first {examples.GetValueOrDefault(nameof(ProtocolException))}");
        }

        long operations = Math.Min(Interlocked.Read(ref started), options.MaxOperations);
        if (Interlocked.Read(ref succeeded) == 0)
        {
            failures.Add("no operation succeeded");
        }

        var result = new SoakResult
        {
            Operations = operations,
            Succeeded = Interlocked.Read(ref succeeded),
            Elapsed = elapsed,
            OperationsByKind = new Dictionary<string, long>(kinds),
            ErrorsByType = new Dictionary<string, long>(errors),
            Memory = memory,
            CountersAfterDispose = counters,
            Failures = failures,
        };
        log($"{result.Operations:N0} operations in {elapsed.TotalSeconds:0.0} s ({result.Throughput:N0}/s), {result.Succeeded:N0} succeeded; " +
            $"by kind: {string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}");
        log($"errors by type: {(errors.IsEmpty ? "none" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value:N0}")))}");
        foreach ((string type, string example) in examples.OrderBy(e => e.Key))
        {
            log($"  first {type}: {example}");
        }

        log($"memory growth middle -> end: managed {managedGrowth / 1048576.0:0.0} MB, unmanaged {unmanagedGrowth / 1048576.0:0.0} MB (bound {options.MemoryBoundBytes / 1048576.0:0} MB each)");
        log($"after dispose: {counters}");
        log(result.Passed ? "SOAK PASSED" : "SOAK FAILED: " + string.Join("; ", failures.Take(5)));
        return result;
    }

    private static async Task SetUpAsync(AsyncSession session, CancellationToken token)
    {
        var ddl = TimeSpan.FromSeconds(30);
        await session.ExecuteAsync(new SimpleStatement("CREATE KEYSPACE IF NOT EXISTS soak WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}") { Timeout = ddl }, token);
        await session.ExecuteAsync(new SimpleStatement("CREATE TABLE IF NOT EXISTS soak.kv (k int PRIMARY KEY, v text)") { Timeout = ddl }, token);
        await session.ExecuteAsync(new SimpleStatement("CREATE TABLE IF NOT EXISTS soak.wide (p int, c int, v text, PRIMARY KEY (p, c))") { Timeout = ddl }, token);
        PreparedStatement insert = await session.PrepareAsync("INSERT INTO soak.wide (p, c, v) VALUES (?, ?, ?)", token);
        await Parallel.ForEachAsync(Enumerable.Range(0, Partitions), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = token }, async (p, ct) =>
        {
            var batch = new BatchStatement(BatchType.Unlogged);
            for (int c = 0; c < RowsPerPartition; c++)
            {
                batch.Add(insert.Bind(p, c, $"row {p}/{c}"));
            }

            await session.ExecuteAsync(batch, ct);
        });
    }

    private static async Task RunOneAsync(AsyncSession session, string kind, PreparedStatement read, PreparedStatement write, PreparedStatement stream, Random random, CancellationToken token)
    {
        switch (kind)
        {
            case "read":
                {
                    int k = random.Next(Keys);
                    RowSet rows = await session.ExecuteAsync(read.Bind(k), token);
                    if (rows.Count > 0 && rows[0].Get<int>(0) != k)
                    {
                        throw new InvalidOperationException($"asked for key {k}, got {rows[0].Get<int>(0)}");
                    }

                    break;
                }

            case "write":
                {
                    BoundStatement statement = write.Bind(random.Next(Keys), "value " + random.Next());
                    statement.ConsistencyLevel = ConsistencyLevel.Quorum;
                    if (random.Next(10) == 0)
                    {
                        statement.Timeout = TimeSpan.FromMilliseconds(random.Next(1, 20));
                    }

                    await session.ExecuteAsync(statement, token);
                    break;
                }

            case "stream":
                {
                    int p = random.Next(Partitions);
                    int take = random.Next(2) == 0 ? RowsPerPartition : random.Next(RowsPerPartition);
                    int seen = 0;
                    await foreach (Row row in session.StreamAsync(stream.Bind(p), new StreamOptions { PageSize = 50 }, token))
                    {
                        if (row.Get<int>(0) != p)
                        {
                            throw new InvalidOperationException($"a stream of partition {p} yielded a row of partition {row.Get<int>(0)}");
                        }

                        if (++seen >= take)
                        {
                            break;
                        }
                    }

                    break;
                }

            default:
                // More distinct texts than MaxPreparedStatements: the cache evicts as it goes.
                await session.PrepareAsync($"SELECT v FROM soak.kv WHERE k = ? /* {random.Next(300)} */", token);
                break;
        }
    }

    /// <summary>Stops the third node at <see cref="SoakOptions.StopAt"/> of the run and starts it again at <see cref="SoakOptions.RestartAt"/>.</summary>
    private static async Task ChurnAsync(CassandraTestCluster nodes, SoakOptions options, Stopwatch watch, CancellationToken stop)
    {
        if (options.StopAt is not { } stopAt || nodes.IsExternal)
        {
            return;
        }

        try
        {
            await Task.Delay(options.Duration * stopAt, stop);
            options.Log($"[{watch.Elapsed.TotalSeconds:0.0} s] stopping node {nodes.ContactPoints[2]}");
            await nodes.StopNodeAsync(2, CancellationToken.None);
            await Task.Delay(options.Duration * Math.Max(0, options.RestartAt - stopAt), stop);
        }
        catch (OperationCanceledException)
        {
        }

        options.Log($"[{watch.Elapsed.TotalSeconds:0.0} s] starting node {nodes.ContactPoints[2]}");
        await nodes.StartNodeAsync(2, CancellationToken.None);
        options.Log($"[{watch.Elapsed.TotalSeconds:0.0} s] node {nodes.ContactPoints[2]} is up");
    }
}
