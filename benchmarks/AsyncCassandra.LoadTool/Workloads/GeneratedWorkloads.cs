namespace AsyncCassandra.LoadTool.Workloads;

/// <summary>
/// W1g, W2g, W3g: the same workloads through generated repositories. Not wired until the source generator lands;
/// until then each factory is null and the tool exits with code 3 for these tags.
/// <para>
/// To wire them: reference the generator from the csproj
/// (<c>&lt;ProjectReference Include="..\..\src\AsyncCassandra.Generators\AsyncCassandra.Generators.csproj"
/// OutputItemType="Analyzer" ReferenceOutputAssembly="false" /&gt;</c>), declare the repositories below, and set the
/// factories to <c>(t, s) =&gt; new W1Generated(t, s)</c> and so on. Each variant overrides one method of
/// <see cref="RequestWorkload"/> / <see cref="ScanWorkload"/>; setup, warm-up, timing and checks are shared.
/// </para>
/// <code>
/// public sealed record KvRow(string V);
/// public sealed record WideRow(int Pk, int Ck, string A, long B, double C, Guid D, DateTimeOffset E);
///
/// public partial interface IBenchRepository
/// {
///     [CqlQuery("SELECT v FROM bench.kv WHERE id = ?", Consistency = ConsistencyLevel.LocalOne)]
///     Task&lt;KvRow?&gt; GetAsync(int id, CancellationToken ct = default);
///
///     [CqlQuery("SELECT * FROM bench.wide", PageSize = 5000, Consistency = ConsistencyLevel.LocalOne)]
///     IAsyncEnumerable&lt;WideRow&gt; ScanAsync(CancellationToken ct = default);
///
///     [CqlQuery("INSERT INTO bench.kv2 (id, v) VALUES (?, ?)", Consistency = ConsistencyLevel.LocalOne)]
///     Task InsertAsync(int id, string v, CancellationToken ct = default);
/// }
///
/// sealed class W1Generated(string tag, AsyncSession session) : RequestWorkload(tag)
/// {
///     private readonly int[] _warmup = W1Session.RandomIds(WarmupRequests, 1), _timed = W1Session.RandomIds(TimedRequests, 2);
///     private readonly IBenchRepository _repo = IBenchRepository.Create(session);
///     protected override int ExpectedValue =&gt; 100;
///     public override Task SetupAsync(CancellationToken ct) =&gt; Task.CompletedTask;   // or a first call to prepare
///     protected override int KeyOf(int i, bool warmup) =&gt; warmup ? _warmup[i] : _timed[i];
///     protected override async ValueTask&lt;int&gt; ExecuteAsync(int id, CancellationToken ct) =&gt; (await _repo.GetAsync(id, ct))?.V.Length ?? -1;
/// }
///
/// sealed class W2Generated(string tag, AsyncSession session) : ScanWorkload(tag, session)
/// {
///     // ScanAsync gets Full or Limited; the LIMIT 5000 warm-up needs a second repository method
///     // ([CqlQuery("SELECT * FROM bench.wide LIMIT 5000", PageSize = 5000)]) chosen by ReferenceEquals(statement, Limited).
///     protected override async Task&lt;(long Rows, long Chk)&gt; ScanAsync(PreparedStatement statement, CancellationToken ct)
///     {
///         long rows = 0, chk = 0;
///         await foreach (WideRow r in ...) { chk += Data.Fold(r.Pk, r.Ck, r.A, r.B, r.C, r.D, r.E); rows++; }
///         return (rows, chk);
///     }
/// }
///
/// sealed class W3Generated : RequestWorkload  // as W3Session; ExecuteAsync =&gt; _repo.InsertAsync(id, Data.KvValue(id), ct), returns 0
/// </code>
/// </summary>
internal static class GeneratedWorkloads
{
    public static readonly Func<string, AsyncSession, IWorkload>? W1 = null;
    public static readonly Func<string, AsyncSession, IWorkload>? W2 = null;
    public static readonly Func<string, AsyncSession, IWorkload>? W3 = null;
}
