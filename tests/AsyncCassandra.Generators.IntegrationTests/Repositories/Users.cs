namespace AsyncCassandra.Generators.IntegrationTests.Repositories;

[CqlTable("users")]
public sealed record User(Guid Id, string Name, string? Email, DateTimeOffset CreatedAt);

/// <summary>A class mapped through settable and init members, with [CqlColumn] and [CqlIgnore].</summary>
public sealed class UserRow
{
    public Guid Id { get; set; }

    [CqlColumn("name")]
    public string FullName { get; set; } = "";

    public string? Email { get; init; }

    public DateTimeOffset? CreatedAt { get; set; }

    [CqlIgnore]
    public string Display => $"{FullName} <{Email}>";
}

/// <summary>The API.md repository, plus the other return shapes.</summary>
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

    [CqlQuery("SELECT id, name, email, created_at FROM users", PageSize = 100)]
    Task<CqlPage<User>> PageAsync(byte[]? pagingState, CancellationToken ct = default);

    [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?", Consistency = ConsistencyLevel.One, TimeoutMs = 10000)]
    ValueTask<User?> FindAsync(Guid id);

    [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?")]
    Task<User> GetRequiredAsync(Guid id);

    [CqlQuery("SELECT email FROM users WHERE id = ?")]
    Task<string?> GetEmailAsync(Guid id, CancellationToken ct = default);

    [CqlQuery("SELECT * FROM users WHERE id = ?")]
    Task<UserRow?> GetRowAsync(Guid id);

    [CqlQuery("UPDATE users SET name = :name WHERE id = :id IF name = :expected", SerialConsistency = ConsistencyLevel.Serial)]
    ValueTask<bool> RenameAsync(Guid id, string expected, string name);

    [CqlQuery("UPDATE users SET email = ? WHERE id = ?", Tracing = true)]
    ValueTask SetEmailAsync(string? email, Guid id);

    [CqlQuery("DELETE FROM users WHERE id = ?")]
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}
