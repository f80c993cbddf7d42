using System.Runtime.CompilerServices;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>W1 on the raw session API: prepared <c>SELECT v FROM bench.kv WHERE id = ?</c>, ids uniform in 0..9,999.</summary>
internal sealed class W1Session(string tag, AsyncSession session, RequestShape shape) : RequestWorkload(tag, shape)
{
    private readonly int[] _warmupIds = RandomIds(WarmupRequests, seed: 1);
    private readonly int[] _timedIds = RandomIds(shape.TimedRequests, seed: 2);
    private PreparedStatement _select = null!;

    protected override int ExpectedValue => 100;

    public override async Task SetupAsync(CancellationToken ct) =>
        _select = await session.PrepareAsync("SELECT v FROM bench.kv WHERE id = ?", ct);

    protected override int KeyOf(int index, bool warmup) => warmup ? _warmupIds[index] : _timedIds[index];

    // Pooled builder: the harness's own per-request state machine does not show up in alloc_b_op.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<int> ExecuteAsync(int key, CancellationToken ct)
    {
        BoundStatement bound = _select.Bind(key);
        bound.ConsistencyLevel = ConsistencyLevel.LocalOne;
        RowSet rows = await session.ExecuteAsync(bound, ct);
        return rows.Count == 1 ? rows[0].Get<string>(0)?.Length ?? -1 : -1;
    }

    /// <summary>Drawn up front (seeded) so that the timed phase does not include the random number generator.</summary>
    internal static int[] RandomIds(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new int[count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = random.Next(Data.KvRows);
        }

        return ids;
    }
}

/// <summary>
/// W3 on the raw session API: prepared <c>INSERT INTO bench.kv2 (id, v) VALUES (?, ?)</c>; TRUNCATE first (not
/// timed), warm-up ids 0..4,999, timed ids 0..99,999 in order, v built per request by the kv rule.
/// </summary>
internal sealed class W3Session(string tag, AsyncSession session, RequestShape shape) : RequestWorkload(tag, shape)
{
    private PreparedStatement _insert = null!;

    protected override int ExpectedValue => 0;

    public override async Task SetupAsync(CancellationToken ct)
    {
        await session.ExecuteAsync(new SimpleStatement("TRUNCATE bench.kv2") { Timeout = TimeSpan.FromSeconds(60) }, ct);
        _insert = await session.PrepareAsync("INSERT INTO bench.kv2 (id, v) VALUES (?, ?)", ct);
    }

    protected override int KeyOf(int index, bool warmup) => index;

    // Pooled builder: the harness's own per-request state machine does not show up in alloc_b_op.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<int> ExecuteAsync(int key, CancellationToken ct)
    {
        BoundStatement bound = _insert.Bind(key, Data.KvValue(key));
        bound.ConsistencyLevel = ConsistencyLevel.LocalOne;
        await session.ExecuteAsync(bound, ct);
        return 0;
    }
}

/// <summary>W2 / W2r: <see cref="AsyncSession.StreamAsync"/>, one <see cref="Row"/> at a time, columns by index.</summary>
internal sealed class W2Rows(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        long rows = 0;
        long chk = 0;
        await foreach (Row row in Session.StreamAsync(Bind(statement), StreamOptions(), ct))
        {
            chk += FoldByIndex(row);
            rows++;
        }

        return (rows, chk);
    }
}

/// <summary>W2n: <see cref="AsyncSession.StreamAsync"/>, columns by name (<c>row.Get&lt;int&gt;("pk")</c>).</summary>
internal sealed class W2RowsByName(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        long rows = 0;
        long chk = 0;
        await foreach (Row row in Session.StreamAsync(Bind(statement), StreamOptions(), ct))
        {
            chk += Data.Fold(
                row.Get<int>("pk"), row.Get<int>("ck"), row.Get<string>("a"), row.Get<long>("b"),
                row.Get<double>("c"), row.Get<Guid>("d"), row.Get<DateTimeOffset>("e"));
            rows++;
        }

        return (rows, chk);
    }
}

/// <summary>W2p: <see cref="AsyncSession.StreamPagesAsync"/>, a page at a time, rows indexed in the page, columns by index.</summary>
internal sealed class W2Pages(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        long rows = 0;
        long chk = 0;
        await foreach (IReadOnlyList<Row> page in Session.StreamPagesAsync(Bind(statement), StreamOptions(), ct))
        {
            for (int i = 0; i < page.Count; i++)
            {
                chk += FoldByIndex(page[i]);
            }

            rows += page.Count;
        }

        return (rows, chk);
    }
}

/// <summary>
/// W2c: <see cref="AsyncSession.StreamRowSetsAsync"/> with codecs (<see cref="RowSet.Read{T}"/>): no Row objects, no
/// per-value lookup; the path generated repositories read pages with, and so the floor for W2g.
/// </summary>
internal sealed class W2Codecs(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        long rows = 0;
        long chk = 0;
        CqlCodec<int> int32 = CqlCodecs.Int32;
        CqlCodec<string> text = CqlCodecs.String;
        CqlCodec<long> int64 = CqlCodecs.Int64;
        CqlCodec<double> float64 = CqlCodecs.Double;
        CqlCodec<Guid> uuid = CqlCodecs.Guid;
        CqlCodec<DateTimeOffset> timestamp = CqlCodecs.DateTimeOffset;
        await foreach (RowSet page in Session.StreamRowSetsAsync(Bind(statement), StreamOptions(), ct))
        {
            for (int i = 0; i < page.Count; i++)
            {
                chk += Data.Fold(
                    page.Read(i, IPk, int32), page.Read(i, ICk, int32), page.Read(i, IA, text)!, page.Read(i, IB, int64),
                    page.Read(i, IC, float64), page.Read(i, ID, uuid), page.Read(i, IE, timestamp));
            }

            rows += page.Count;
        }

        return (rows, chk);
    }
}

/// <summary>
/// W2m: manual paging with <see cref="AsyncSession.ExecuteAsync(Statement, CancellationToken)"/> and
/// <see cref="RowSet.PagingState"/>: the next page is requested only after the current one is consumed (no prefetch).
/// </summary>
internal sealed class W2Manual(string tag, AsyncSession session) : ScanWorkload(tag, session)
{
    protected override async Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct)
    {
        long rows = 0;
        long chk = 0;
        byte[]? pagingState = null;
        do
        {
            BoundStatement bound = Bind(statement);
            bound.PagingState = pagingState;
            RowSet page = await Session.ExecuteAsync(bound, ct);
            for (int i = 0; i < page.Count; i++)
            {
                chk += FoldByIndex(page[i]);
            }

            rows += page.Count;
            pagingState = page.PagingState;
        }
        while (pagingState is not null);

        return (rows, chk);
    }
}
