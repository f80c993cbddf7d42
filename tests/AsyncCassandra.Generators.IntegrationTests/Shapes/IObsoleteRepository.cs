namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>A kind kept for old rows.</summary>
[Obsolete("Kinds are text now.")]
public enum OldKind
{
    /// <summary>The first kind.</summary>
    First,

    /// <summary>The second kind.</summary>
    Second,
}

/// <summary>An obsolete row type.</summary>
/// <param name="Id">The key.</param>
/// <param name="Name">Column name.</param>
[Obsolete("Use LegacyUser.")]
public sealed record OldUser(Guid Id, string Name);

#pragma warning disable CS0618 // The user's own code opts in to its obsolete types; the generated code must add no warning.

/// <summary>Obsolete row and enum types.</summary>
public partial interface IObsoleteRepository
{
    /// <summary>The user, or null.</summary>
    [CqlQuery("SELECT id, name FROM shape_users WHERE id = ?")]
    Task<OldUser> GetAsync(Guid id);

    /// <summary>Sets the kind (as its number: the column is an int).</summary>
    [CqlQuery("UPDATE shape_users SET kind = ? WHERE id = ?")]
    Task SetKindAsync(OldKind kind, Guid id);

    /// <summary>The kind, or null.</summary>
    [CqlQuery("SELECT kind FROM shape_users WHERE id = ?")]
    Task<OldKind?> KindAsync(Guid id);
}
#pragma warning restore CS0618
