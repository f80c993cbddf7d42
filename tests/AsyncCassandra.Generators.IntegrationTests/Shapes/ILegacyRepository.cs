namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>Return shapes over oblivious types: a missing row is null, a null column is null.</summary>
public partial interface ILegacyRepository
{
    /// <summary>The user, or null.</summary>
    [CqlQuery("SELECT id, name, tags FROM shape_users WHERE id = ?")]
    ValueTask<LegacyUser> GetAsync(Guid id);

    /// <summary>The name, or null.</summary>
    [CqlQuery("SELECT name FROM shape_users WHERE id = ?")]
    Task<string> NameAsync(Guid id);

    /// <summary>The tags, or null.</summary>
    [CqlQuery("SELECT tags FROM shape_users WHERE id = ?")]
    Task<List<string>> TagsAsync(Guid id);

    /// <summary>Writes a user from its members.</summary>
    [CqlQuery("INSERT INTO shape_users (id, name, tags) VALUES (:id, :name, :tags)")]
    Task InsertAsync(LegacyUser user);
}
