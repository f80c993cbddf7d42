using AsyncCassandra;

namespace WebApi.Users;

/// <summary>
/// <c>GET /users?pageSize=N&amp;pageToken=T</c>: one page of the users table, of the size the client asks for, with
/// the next page's position handed out as an opaque token. Paging state is readable and forgeable, so the client never
/// sees it: <see cref="PagingTokenProtector"/> encrypts it and binds it to this statement, and refuses a token that
/// was altered or made for another query (<see cref="PagingTokenException"/>, answered 400 by
/// <see cref="Infrastructure.CassandraExceptionHandler"/>).
/// </summary>
public sealed class UserPages(AsyncSession session, PagingTokenProtector tokens)
{
    public const int MaxPageSize = 500;
    private const string Cql = "SELECT id, name, email, created_at FROM users";

    public async Task<UserPage> GetAsync(int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        PreparedStatement prepared = await session.PrepareAsync(Cql, cancellationToken);
        BoundStatement statement = prepared.Bind();
        statement.PageSize = pageSize;
        statement.PagingState = tokens.Unprotect(pageToken, statement);
        RowSet rows = await session.ExecuteAsync(statement, cancellationToken);
        var items = new List<User>(rows.Count);
        foreach (Row row in rows)
        {
            items.Add(new User(row.Get<Guid>("id"), row.Get<string?>("name") ?? string.Empty, row.Get<string?>("email"), row.Get<DateTimeOffset>("created_at")));
        }

        return new UserPage(items, tokens.Protect(rows.PagingState, statement));
    }
}
