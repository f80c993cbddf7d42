using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>A class, record or struct mapped member by member: a row type, an entity parameter or a user-defined type.</summary>
/// <param name="TypeName">The type, fully qualified.</param>
/// <param name="DisplayName">Its short name, for messages.</param>
internal sealed record EntityModel(string TypeName, string DisplayName)
{
    public bool IsValueType { get; init; }

    /// <summary>Why it cannot be created from a row; null when it can.</summary>
    public string? NotConstructible { get; init; }

    /// <summary>The members, constructor parameters first (in their order), then settable and readable members.</summary>
    public EquatableArray<MemberModel> Members { get; init; }

    /// <summary>The member a column matches: [CqlColumn] first (exact CQL name), then by name ignoring case and underscores.</summary>
    public int FindMember(string column, Func<MemberModel, bool> usable)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            var member = Members[i];
            if (!member.Ignored && usable(member) && member.ColumnName == column)
            {
                return i;
            }
        }

        var key = Naming.Loose(column);
        for (var i = 0; i < Members.Count; i++)
        {
            var member = Members[i];
            if (!member.Ignored && usable(member) && member.ColumnName is null && member.MatchKey == key)
            {
                return i;
            }
        }

        return -1;
    }
}
