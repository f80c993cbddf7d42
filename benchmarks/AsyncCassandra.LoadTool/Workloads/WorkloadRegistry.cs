using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>Every workload tag the tool runs. A new variant is one line here plus its class.</summary>
internal static class WorkloadRegistry
{
    /// <summary>
    /// A tag; <see cref="Factory"/> is null for a placeholder that is not wired yet. <see cref="InFlight"/>: requests in
    /// flight of a W1/W3 kind; <see cref="ViaProxy"/>: the workload connects through the delay proxy at BENCH_PROXY.
    /// </summary>
    internal sealed record Entry(
        string Tag,
        string Description,
        Func<string, AsyncSession, RequestShape, IWorkload>? Factory,
        int InFlight = RequestShape.DefaultInFlight,
        bool ViaProxy = false);

    private static readonly Entry[] All =
    [
        new("W1", "point reads, 128 in flight: session.ExecuteAsync(prepared.Bind(id)), rows[0].Get<string>(0)", (t, s, r) => new W1Session(t, s, r)),
        new("W2", "scan 200k rows, page 5,000: StreamAsync rows, Get<T>(index)", (t, s, _) => new W2Rows(t, s)),
        new("W3", "writes, 128 in flight: session.ExecuteAsync(prepared.Bind(id, v))", (t, s, r) => new W3Session(t, s, r)),
        new("W1c8", "W1 with 8 requests in flight instead of 128 (the cost of waking and idling between replies)", (t, s, r) => new W1Session(t, s, r), InFlight: 8),
        new("W1d", "W1 through the delay proxy at BENCH_PROXY=host:port (~1 ms added round trip; the run script starts it)", (t, s, r) => new W1Session(t, s, r), ViaProxy: true),
        new("W3d", "W3 through the delay proxy at BENCH_PROXY=host:port", (t, s, r) => new W3Session(t, s, r), ViaProxy: true),
        new("W2r", "W2 through StreamAsync rows (same code as W2; the tag W2g is compared with)", (t, s, _) => new W2Rows(t, s)),
        new("W2n", "W2 through StreamAsync rows, columns by name: Get<T>(\"pk\")", (t, s, _) => new W2RowsByName(t, s)),
        new("W2p", "W2 through StreamPagesAsync: IReadOnlyList<Row> pages, Get<T>(index)", (t, s, _) => new W2Pages(t, s)),
        new("W2c", "W2 through StreamRowSetsAsync + RowSet.Read(row, column, codec): no Row objects", (t, s, _) => new W2Codecs(t, s)),
        new("W2m", "W2 with manual paging: ExecuteAsync + RowSet.PagingState, no prefetch", (t, s, _) => new W2Manual(t, s)),
        new("W1g", "W1 through a generated repository: IBenchRepository.GetValueAsync(id)", GeneratedWorkloads.W1),
        new("W2g", "W2 through a generated repository's IAsyncEnumerable<WideRow>: IBenchRepository.ScanAsync()", GeneratedWorkloads.W2),
        new("W3g", "W3 through a generated repository: IBenchRepository.InsertAsync(id, v)", GeneratedWorkloads.W3),
    ];

    public static bool TryGet(string tag, [NotNullWhen(true)] out Entry? entry)
    {
        entry = Array.Find(All, e => string.Equals(e.Tag, tag, StringComparison.OrdinalIgnoreCase));
        return entry is not null;
    }

    public static string Describe()
    {
        var text = new StringBuilder("workloads:");
        foreach (Entry entry in All)
        {
            text.Append("\n  ").Append(entry.Tag.PadRight(5)).Append(' ').Append(entry.Factory is null ? "(not wired) " : string.Empty).Append(entry.Description);
        }

        return text.ToString();
    }
}
