using AsyncCassandra;

namespace WebApi.Users;

/// <summary>The users table, implemented at compile time by the source generator (checked against schema.cql).</summary>
public partial interface IUserRepository
{
    [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?")]
    Task<User?> GetAsync(Guid id, CancellationToken ct = default);

    [CqlQuery("INSERT INTO users (id, name, email, created_at) VALUES (:id, :name, :email, :created_at)", Idempotent = true)]
    Task InsertAsync(User user, CancellationToken ct = default);

    /// <summary>
    /// A conditional update (compare-and-set on the row's immutable creation time, which Cassandra 2.1.0 allows where
    /// later versions also take <c>IF EXISTS</c>): it never creates a row, and is not applied when the user was
    /// deleted or recreated since it was read.
    /// </summary>
    [CqlQuery("UPDATE users SET name = ?, email = ? WHERE id = ? IF created_at = ?")]
    Task<bool> UpdateIfUnchangedAsync(string name, string? email, Guid id, DateTimeOffset createdAt, CancellationToken ct = default);

    [CqlQuery("DELETE FROM users WHERE id = ?", Idempotent = true)]
    Task DeleteAsync(Guid id, CancellationToken ct = default);

    [CqlQuery("SELECT id, name, email, created_at FROM users", PageSize = 500)]
    IAsyncEnumerable<User> StreamAllAsync(CancellationToken ct = default);
}
