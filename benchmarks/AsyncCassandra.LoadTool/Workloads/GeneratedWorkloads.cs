using System.Runtime.CompilerServices;

namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>A row of bench.wide, mapped by the generated reader through the record's constructor.</summary>
public sealed record WideRow(int Pk, int Ck, string A, long B, double C, Guid D, DateTimeOffset E);

/// <summary>The workloads' statements as a generated repository (W1g, W2g, W3g).</summary>
public partial interface IBenchRepository
{
    [CqlQuery("SELECT v FROM bench.kv WHERE id = ?", Consistency = ConsistencyLevel.LocalOne)]
    Task<string?> GetValueAsync(int id, CancellationToken ct = default);

    [CqlQuery("SELECT * FROM bench.wide", PageSize = 5000, Consistency = ConsistencyLevel.LocalOne)]
    IAsyncEnumerable<WideRow> ScanAsync(CancellationToken ct = default);

    [CqlQuery("SELECT * FROM bench.wide LIMIT 5000", PageSize = 5000, Consistency = ConsistencyLevel.LocalOne)]
    IAsyncEnumerable<WideRow> ScanFirst5000Async(CancellationToken ct = default);

    [CqlQuery("INSERT INTO bench.kv2 (id, v) VALUES (?, ?)", Consistency = ConsistencyLevel.LocalOne)]
    Task InsertAsync(int id, string v, CancellationToken ct = default);
}

/// <summary>W1g: point reads through <see cref="IBenchRepository.GetValueAsync"/>.</summary>
internal sealed class W1Generated(string tag, AsyncSession session, RequestShape shape) : RequestWorkload(tag, shape)
{
    private readonly int[] _warmupIds = W1Session.RandomIds(WarmupRequests, seed: 1);
    private readonly int[] _timedIds = W1Session.RandomIds(shape.TimedRequests, seed: 2);
    private readonly IBenchRepository _repository = IBenchRepository.Create(session);

    protected override int ExpectedValue => 100;

    public override Task SetupAsync(CancellationToken ct) => _repository.GetValueAsync(0, ct);

    protected override int KeyOf(int index, bool warmup) => warmup ? _warmupIds[index] : _timedIds[index];

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<int> ExecuteAsync(int key, CancellationToken ct) =>
        (await _repository.GetValueAsync(key, ct))?.Length ?? -1;
}

/// <summary>W2g: the full scan as <see cref="WideRow"/> records through <see cref="IBenchRepository.ScanAsync"/>.</summary>
internal sealed class W2Generated(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    private readonly IBenchRepository _repository = IBenchRepository.Create(session);

    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        IAsyncEnumerable<WideRow> rows = ReferenceEquals(statement, Limited) ? _repository.ScanFirst5000Async(ct) : _repository.ScanAsync(ct);
        long count = 0;
        long chk = 0;
        await foreach (WideRow r in rows)
        {
            chk += Data.Fold(r.Pk, r.Ck, r.A, r.B, r.C, r.D, r.E);
            count++;
        }

        return (count, chk);
    }
}

/// <summary>W3g: inserts through <see cref="IBenchRepository.InsertAsync"/>.</summary>
internal sealed class W3Generated(string tag, AsyncSession session, RequestShape shape) : RequestWorkload(tag, shape)
{
    private readonly IBenchRepository _repository = IBenchRepository.Create(session);

    protected override int ExpectedValue => 0;

    public override async Task SetupAsync(CancellationToken ct)
    {
        await session.ExecuteAsync(new SimpleStatement("TRUNCATE bench.kv2") { Timeout = TimeSpan.FromSeconds(60) }, ct);
        await session.PrepareAsync("INSERT INTO bench.kv2 (id, v) VALUES (?, ?)", ct);
    }

    protected override int KeyOf(int index, bool warmup) => index;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<int> ExecuteAsync(int key, CancellationToken ct)
    {
        await _repository.InsertAsync(key, Data.KvValue(key), ct);
        return 0;
    }
}

/// <summary>The generated-repository variants, looked up by the workload registry.</summary>
internal static class GeneratedWorkloads
{
    public static readonly Func<string, AsyncSession, RequestShape, IWorkload>? W1 = (tag, session, shape) => new W1Generated(tag, session, shape);
    public static readonly Func<string, AsyncSession, RequestShape, IWorkload>? W2 = (tag, session, _) => new W2Generated(tag, session);
    public static readonly Func<string, AsyncSession, RequestShape, IWorkload>? W3 = (tag, session, shape) => new W3Generated(tag, session, shape);
}
