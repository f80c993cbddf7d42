namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>
/// W2 shape: prepared <c>SELECT * FROM bench.wide</c>, page size 5,000, automatic paging; every column of every row
/// is read as its typed value and folded into the checksum. Warm-up: the same consumption of
/// <c>SELECT * FROM bench.wide LIMIT 5000</c>. The timed phase ends when the last row has been consumed.
/// </summary>
internal abstract class ScanWorkload(string tag, AsyncSession session) : IWorkload
{
    public const int PageSize = 5_000;
    public const int WarmupRows = 5_000;

    public string Tag { get; } = tag;

    protected AsyncSession Session { get; } = session;

    protected PreparedStatement Full { get; private set; } = null!;

    protected PreparedStatement Limited { get; private set; } = null!;

    /// <summary>Column indexes, resolved by name once from the prepared result metadata.</summary>
    protected int IPk { get; private set; }

    protected int ICk { get; private set; }

    protected int IA { get; private set; }

    protected int IB { get; private set; }

    protected int IC { get; private set; }

    protected int ID { get; private set; }

    protected int IE { get; private set; }

    public virtual async Task SetupAsync(CancellationToken ct)
    {
        Full = await Session.PrepareAsync("SELECT * FROM bench.wide", ct);
        Limited = await Session.PrepareAsync("SELECT * FROM bench.wide LIMIT 5000", ct);
        ColumnDefinitions columns = Full.ResultColumns;
        IPk = columns.IndexOf("pk");
        ICk = columns.IndexOf("ck");
        IA = columns.IndexOf("a");
        IB = columns.IndexOf("b");
        IC = columns.IndexOf("c");
        ID = columns.IndexOf("d");
        IE = columns.IndexOf("e");
    }

    /// <summary>Consumes every row of the statement's result; returns the row count and the checksum.</summary>
    protected abstract Task<(long Rows, long Chk)> ScanAsync(PreparedStatement statement, CancellationToken ct);

    /// <summary>A bound statement with page size 5,000.</summary>
    protected static BoundStatement Bind(PreparedStatement statement)
    {
        BoundStatement bound = statement.Bind();
        bound.PageSize = PageSize;
        bound.ConsistencyLevel = ConsistencyLevel.LocalOne;
        return bound;
    }

    protected static StreamOptions StreamOptions() => new() { PageSize = PageSize };

    public async Task WarmupAsync(CancellationToken ct)
    {
        (long rows, _) = await ScanAsync(Limited, ct);
        if (rows != WarmupRows)
        {
            Console.Error.WriteLine($"{Tag} warm-up read {rows} rows instead of {WarmupRows}: is the data loaded (`load`)?");
        }
    }

    public async Task<WorkloadResult> RunAsync(CancellationToken ct)
    {
        using AllocationSampler? sampler = AllocationSampler.StartIfEnabled();
        Console.Error.WriteLine($"[{Tag}] warm-up done; timed phase starts");
        var meter = new Meter();
        sampler?.Record(true);
        meter.Start();
        (long rows, long chk) = await ScanAsync(Full, ct);
        meter.Stop();
        sampler?.Record(false);
        Console.Error.WriteLine($"[{Tag}] timed phase done; {meter.Diagnostics}");
        sampler?.Report(Tag, rows, meter.AllocatedBytes);
        var line = new ResultLine(Tag)
            .Add("rows_s", rows / meter.WallSeconds, "0.0")
            .Add("rows", rows)
            .Add("chk", chk)
            .Add("cpu_s", meter.CpuSeconds, "0.000")
            .Add("wall_s", meter.WallSeconds, "0.000")
            .Add("rss_peak_mb", meter.RssPeakMiB, "0.0")
            .Add("alloc_b_op", rows == 0 ? 0 : (double)meter.AllocatedBytes / rows, "0")
            .Add("cpu_us_op", rows == 0 ? 0 : meter.CpuSeconds * 1e6 / rows, "0.000");
        string? failure = rows == Data.ExpectedRows && chk == Data.ExpectedChecksum
            ? null
            : $"expected rows={Data.ExpectedRows} chk={Data.ExpectedChecksum}, got rows={rows} chk={chk}";
        return new WorkloadResult(line.ToString(), failure);
    }

    /// <summary>The per-row work of W2 on the dynamic Row API, columns by index.</summary>
    protected long FoldByIndex(Row row) => Data.Fold(
        row.Get<int>(IPk), row.Get<int>(ICk), row.Get<string>(IA), row.Get<long>(IB),
        row.Get<double>(IC), row.Get<Guid>(ID), row.Get<DateTimeOffset>(IE));
}
