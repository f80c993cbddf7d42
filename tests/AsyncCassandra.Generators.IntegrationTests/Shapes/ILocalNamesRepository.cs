namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>Parameters named like the generated code's locals (values, statement, prepared, rows, items, first, row, reader, next, binder).</summary>
public partial interface ILocalNamesRepository
{
    /// <summary>Writes a user.</summary>
    [CqlQuery("INSERT INTO shape_users (id, name, tags) VALUES (?, ?, ?)")]
    Task InsertAsync(Guid values, string statement, List<string> prepared);

    /// <summary>Replaces the tags.</summary>
    [CqlQuery("UPDATE shape_users SET tags = ? WHERE id = ?")]
    Task SetTagsAsync(List<string> items, Guid token);

    /// <summary>The user, or null.</summary>
    [CqlQuery("SELECT id, name, tags FROM shape_users WHERE id = ? LIMIT ?")]
    Task<LegacyUser> FindAsync(Guid rows, int first);

    /// <summary>The users with that id.</summary>
    [CqlQuery("SELECT id, name, tags FROM shape_users WHERE id = ? LIMIT ?")]
    Task<IReadOnlyList<LegacyUser>> ListAsync(Guid row, int reader);

    /// <summary>The users with that id, streamed.</summary>
    [CqlQuery("SELECT id, name, tags FROM shape_users WHERE id = ? LIMIT ?")]
    IAsyncEnumerable<LegacyUser> StreamAsync(Guid next, int binder);

    /// <summary>Renames if the name is still the expected one.</summary>
    [CqlQuery("UPDATE shape_users SET name = ? WHERE id = ? IF name = ?")]
    Task<bool> RenameAsync(string variables, Guid columns, string type);

    /// <summary>One page of the user's rows.</summary>
    [CqlQuery("SELECT id, name, tags FROM shape_users WHERE id = ?", PageSize = 10)]
    Task<CqlPage<LegacyUser>> PageAsync(Guid result, byte[] pagingState);
}
