using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>How the rows of a result become the method's T.</summary>
/// <param name="Entity">T as a row type; null for a scalar.</param>
/// <param name="Columns">The columns read, each into a member (or the one scalar column).</param>
internal sealed record ResultModel(EntityModel? Entity, EquatableArray<ColumnReadModel> Columns)
{
    public bool IsScalar => Entity is null;

    /// <summary>Columns are found by name at run time (<c>SELECT *</c>).</summary>
    public bool ByName { get; init; }

    /// <summary>The table read, for runtime errors.</summary>
    public string Table { get; init; } = string.Empty;
}
