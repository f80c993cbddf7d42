using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// W1's request through the whole session API, in process: <c>session.ExecuteAsync(prepared.Bind(id))</c> and the
/// row's text column read, 128 requests in flight (as W1), against <see cref="LoopbackResponder"/> on loopback, which
/// allocates nothing per reply, so "Allocated" is the client's bytes per request (OperationsPerInvoke: an invocation
/// is 128 requests), plus the harness's one worker task per request (~100 B) that the <c>alloc</c> mode spreads over
/// 1,562 requests per worker. Deterministic where the load tool's alloc_b_op needs a real node.
/// <c>dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- alloc</c> prints bytes per request
/// and a sampled breakdown by type without BenchmarkDotNet.
/// </summary>
[MemoryDiagnoser]
public class SessionExecuteBenchmarks
{
    public const int InFlight = 128;

    private LoopbackResponder _responder = null!;
    private AsyncCluster _cluster = null!;
    private AsyncSession _session = null!;
    private PreparedStatement _select = null!;

    [GlobalSetup]
    public void Setup() => (_responder, _cluster, _session, _select) = ConnectAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _responder.Dispose();
    }

    /// <summary>128 point reads in flight, each W1's call; results are per request (OperationsPerInvoke).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task PointReads() => RunAsync(_session, _select, InFlight, 1, CancellationToken.None);

    internal static async Task<(LoopbackResponder, AsyncCluster, AsyncSession, PreparedStatement)> ConnectAsync()
    {
        var responder = new LoopbackResponder();
        var options = new CassandraOptions
        {
            Port = responder.Port,
            ProtocolVersion = 3,
            DefaultConsistency = ConsistencyLevel.LocalOne,
            ConnectionsPerHost = 1,
            Compression = CompressionAlgorithm.None,
        };
        options.ContactPoints.Add("127.0.0.1");
        var cluster = new AsyncCluster(options);
        AsyncSession session = await cluster.ConnectAsync();
        PreparedStatement select = await session.PrepareAsync("SELECT v FROM bench.kv WHERE id = ?");
        return (responder, cluster, session, select);
    }

    internal static async Task RunAsync(AsyncSession session, PreparedStatement select, int workers, int perWorker, CancellationToken ct)
    {
        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            tasks[w] = WorkerAsync(session, select, w, perWorker, ct);
        }

        await Task.WhenAll(tasks);
    }

    private static async Task WorkerAsync(AsyncSession session, PreparedStatement select, int worker, int count, CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            int length = await ReadAsync(session, select, (worker * 7919 + i) % 10_000, ct);
            if (length != 100)
            {
                throw new InvalidOperationException($"unexpected value length {length}");
            }
        }
    }

    // W1's per-request method, as the load tool has it (pooled builder: its own state machine is not counted).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<int> ReadAsync(AsyncSession session, PreparedStatement select, int key, CancellationToken ct)
    {
        BoundStatement bound = select.Bind(key);
        bound.ConsistencyLevel = ConsistencyLevel.LocalOne;
        RowSet rows = await session.ExecuteAsync(bound, ct);
        return rows.Count == 1 ? rows[0].Get<string>(0)?.Length ?? -1 : -1;
    }

    /// <summary>The <c>alloc</c> mode: exact bytes per request (all threads), then a sampled breakdown by type.</summary>
    internal static async Task<int> AllocationReportAsync(string[] args)
    {
        int requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        (LoopbackResponder responder, AsyncCluster cluster, AsyncSession session, PreparedStatement select) = await ConnectAsync();
        using var cts = new CancellationTokenSource(); // W1 passes a real token
        await RunAsync(session, select, InFlight, 20_000 / InFlight, cts.Token); // warm-up (tiering, pools)
        int perWorker = requests / InFlight;
        for (int pass = 0; pass < 3; pass++)
        {
            long before = GC.GetTotalAllocatedBytes(true);
            await RunAsync(session, select, InFlight, perWorker, cts.Token);
            long after = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: {(after - before) / (double)(perWorker * InFlight):0.0} B/request (all threads, {perWorker * InFlight} requests)"));
        }

        // Exact bytes of the pieces a caller's thread allocates synchronously (GC.GetAllocatedBytesForCurrentThread).
        long t0 = GC.GetAllocatedBytesForCurrentThread();
        BoundStatement bound = select.Bind(4242);
        long t1 = GC.GetAllocatedBytesForCurrentThread();
        bound.ConsistencyLevel = ConsistencyLevel.LocalOne;
        RowSet page = await session.ExecuteAsync(bound, cts.Token);
        long t2 = GC.GetAllocatedBytesForCurrentThread();
        Row row = page[0];
        long t3 = GC.GetAllocatedBytesForCurrentThread();
        string? value = row.Get<string>(0);
        long t4 = GC.GetAllocatedBytesForCurrentThread();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exact: Bind(id) {t1 - t0} B (params object[1], boxed int, BoundStatement); rows[0] {t3 - t2} B (Row); Get<string>(0) {t4 - t3} B ({value?.Length}-char string)"));

        using (var sampler = new TypeSampler())
        {
            long before = GC.GetTotalAllocatedBytes(true);
            await RunAsync(session, select, InFlight, perWorker * 2, cts.Token);
            long measured = GC.GetTotalAllocatedBytes(true) - before;
            sampler.Report(perWorker * 2L * InFlight, measured);
        }

        await cluster.DisposeAsync();
        responder.Dispose();
        return 0;
    }

    /// <summary>GCAllocationTick (one event per ~100 KB, with the type that crossed it): bytes per request by type.</summary>
    private sealed class TypeSampler : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(int Size, int Reason), long> _pool = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
            else if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == "BufferAllocated" && e.PayloadNames is not null && e.Payload is not null)
            {
                int size = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("bufferSize")], CultureInfo.InvariantCulture);
                int reason = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("reason")], CultureInfo.InvariantCulture);
                _pool.AddOrUpdate((size, reason), 1, (_, n) => n + 1); // no string built here: that would rent from a pool again
                return;
            }

            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null)
            {
                return;
            }

            int typeIndex = e.PayloadNames.IndexOf("TypeName");
            int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
            string type = typeIndex >= 0 ? e.Payload[typeIndex] as string ?? "?" : "?";
            long amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], CultureInfo.InvariantCulture) : 0;
            _bytes.AddOrUpdate(type, amount, (_, old) => old + amount);
        }

        public void Report(long requests, long measured)
        {
            long sampled = _bytes.Values.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled by type ({measured / (double)requests:0.0} B/request measured with the listener on):"));
            foreach ((string type, long bytes) in _bytes.OrderByDescending(p => p.Value).Take(40))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(double)bytes / sampled * measured / requests,7:0.0} B/req  {type}"));
            }

            foreach (((int size, int reason), long count) in _pool.OrderByDescending(p => p.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)requests,7:0.000} per request: ArrayPool.Shared allocated a {size}-element array (reason {reason}: 0 over size, 1 pool exhausted)"));
            }
        }
    }
}
