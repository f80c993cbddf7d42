namespace AsyncCassandra.Generators.IntegrationTests.Repositories;

public sealed record Event(string Tenant, int Seq, string? Payload);

public partial interface IEventRepository
{
    [CqlQuery("INSERT INTO events (tenant, seq, payload) VALUES (?, ?, ?)")]
    Task AddAsync(string tenant, int seq, string? payload, CancellationToken ct = default);

    [CqlQuery("SELECT tenant, seq, payload FROM events WHERE tenant = ?", PageSize = 100)]
    IAsyncEnumerable<Event> StreamAsync(string tenant, CancellationToken ct = default);

    [CqlQuery("SELECT tenant, seq, payload FROM events WHERE tenant = ?", PageSize = 100)]
    IAsyncEnumerable<Event> StreamWithoutTokenAsync(string tenant);

    [CqlQuery("SELECT tenant, seq, payload FROM events WHERE tenant = ?", PageSize = 100)]
    Task<IReadOnlyList<Event>> ListAsync(string tenant, CancellationToken ct = default);

    [CqlQuery("SELECT tenant, seq, payload FROM events WHERE tenant = ?", PageSize = 100)]
    ValueTask<CqlPage<Event>> PageAsync(string tenant, byte[]? pagingState, CancellationToken ct = default);

    [CqlQuery("SELECT seq FROM events WHERE tenant = :tenant AND seq IN :seqs")]
    Task<IReadOnlyList<int>> SeqsAsync(string tenant, List<int> seqs);

    [CqlQuery("SELECT seq FROM events WHERE tenant = ? LIMIT ?")]
    IAsyncEnumerable<int> FirstSeqsAsync(string tenant, int limit);

    [CqlQuery("SELECT count(*) FROM events WHERE tenant = ?")]
    Task<long> CountAsync(string tenant);
}
