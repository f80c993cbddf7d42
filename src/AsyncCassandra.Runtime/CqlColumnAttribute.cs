namespace AsyncCassandra;

/// <summary>
/// Maps a member (or a record's constructor parameter) to a column or user-defined type field by its CQL name,
/// overriding the default match (names equal ignoring case and underscores).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class CqlColumnAttribute : Attribute
{
    /// <summary>Maps the member to a column.</summary>
    /// <param name="name">The column as CQL writes it: <c>created_at</c>, or <c>"MixedCase"</c> quoted for a case-sensitive name.</param>
    public CqlColumnAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }
}
