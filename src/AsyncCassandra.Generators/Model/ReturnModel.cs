namespace AsyncCassandra.Generators.Model;

/// <summary>The return type of a [CqlQuery] method, taken apart.</summary>
/// <param name="Shape">The shape (for <c>Task&lt;bool&gt;</c>: <see cref="ReturnShape.First"/>; the statement decides whether it is <see cref="ReturnShape.Applied"/>).</param>
/// <param name="TypeName">The declared return type, fully qualified.</param>
internal sealed record ReturnModel(ReturnShape Shape, string TypeName)
{
    /// <summary>ValueTask rather than Task.</summary>
    public bool IsValueTask { get; init; }

    /// <summary>The rows' type T, fully qualified with nullable annotations; null for <see cref="ReturnShape.None"/>.</summary>
    public string? ElementTypeName { get; init; }

    /// <summary>T as a short name, for messages.</summary>
    public string? ElementDisplayName { get; init; }

    /// <summary>T may be null (<c>Task&lt;User?&gt;</c>).</summary>
    public bool ElementNullable { get; init; }

    /// <summary>T as a single CQL value (scalar); Unsupported when it has no value mapping.</summary>
    public ValueModel? ElementValue { get; init; }

    /// <summary>T as a row type, when it is a class, record or struct.</summary>
    public EntityModel? ElementEntity { get; init; }

    /// <summary>The return type is not one of the shapes (ACQL0003).</summary>
    public bool IsUnsupported { get; init; }

    /// <summary>T is bool: a conditional statement's applied flag, or a boolean column.</summary>
    public bool IsBool => ElementTypeName == "bool";
}
