using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>One [CqlQuery] method as the emitter writes it; free of locations and symbols.</summary>
/// <param name="Name">The method name.</param>
/// <param name="MemberName">A name unique in the implementation, for its fields and helper types.</param>
/// <param name="ReturnTypeName">The declared return type, fully qualified.</param>
internal sealed record MethodModel(string Name, string MemberName, string ReturnTypeName)
{
    /// <summary>The method's type parameters (a generic method only gets a throwing stub).</summary>
    public EquatableArray<string> TypeParameters { get; init; }

    public int Ordinal { get; init; }

    /// <summary>Errors were reported: the implementation only throws.</summary>
    public bool Faulted { get; init; }

    public ReturnShape Shape { get; init; }

    public bool IsValueTask { get; init; }

    public string? ElementTypeName { get; init; }

    /// <summary>T may be null (no row gives null rather than an error).</summary>
    public bool ElementNullable { get; init; }

    public string Cql { get; init; } = string.Empty;

    /// <summary>The values of the markers, in order.</summary>
    public EquatableArray<BoundValueModel> Values { get; init; }

    /// <summary>Entity parameters: checked for null before their members are read.</summary>
    public EquatableArray<string> EntityParameters { get; init; }

    public EquatableArray<ParameterModel> Parameters { get; init; }

    public string? CancellationToken { get; init; }

    public string? PagingState { get; init; }

    public ResultModel? Result { get; init; }

    /// <summary>The name of the row reader in <see cref="RepositoryModel.Readers"/>; null without a result.</summary>
    public string? Reader { get; init; }

    public QueryOptionsModel Options { get; init; } = new();

    /// <summary><c>IUserRepository.GetAsync</c>, for runtime messages.</summary>
    public string DisplayName { get; init; } = string.Empty;
}
