using AsyncCassandra;

namespace Quickstart;

/// <summary>A row of the users table, mapped through its primary constructor.</summary>
public sealed record User(Guid Id, string Name, string? Email, DateTimeOffset CreatedAt);

/// <summary>
/// The source generator implements this interface at compile time: each method prepares its statement once,
/// binds its parameters with codecs and maps rows straight from the received frame. Mistakes in the CQL are
/// compile errors (see docs/diagnostics.md).
/// </summary>
public partial interface IUserRepository
{
    [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?")]
    Task<User?> GetAsync(Guid id, CancellationToken ct = default);

    [CqlQuery("SELECT id, name, email, created_at FROM users")]
    IAsyncEnumerable<User> StreamAllAsync(CancellationToken ct = default);

    [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id IN ?")]
    Task<IReadOnlyList<User>> GetManyAsync(IEnumerable<Guid> ids, CancellationToken ct = default);

    [CqlQuery("SELECT count(*) FROM users")]
    Task<long> CountAsync(CancellationToken ct = default);

    [CqlQuery("INSERT INTO users (id, name, email, created_at) VALUES (:id, :name, :email, :created_at)", Idempotent = true)]
    Task InsertAsync(User user, CancellationToken ct = default);

    [CqlQuery("INSERT INTO users (id, name, created_at) VALUES (?, ?, ?) IF NOT EXISTS")]
    Task<bool> TryCreateAsync(Guid id, string name, DateTimeOffset createdAt, CancellationToken ct = default);

    [CqlQuery("SELECT id, name, email, created_at FROM users", PageSize = 2)]
    Task<CqlPage<User>> PageAsync(byte[]? pagingState, CancellationToken ct = default);
}
