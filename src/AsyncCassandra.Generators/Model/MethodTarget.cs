using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// Everything read from one [CqlQuery] method's symbols, before the schema is known (part of an
/// <see cref="InterfaceTarget"/>). Equatable, with locations kept as values, so the next step reruns only when
/// something it uses changed.
/// </summary>
/// <param name="Name">The method name.</param>
internal sealed record MethodTarget(string Name)
{
    /// <summary>The position of the method among the interface's members (orders the generated members).</summary>
    public int Ordinal { get; init; }

    /// <summary>Another member of the interface has the same name.</summary>
    public bool IsOverloaded { get; init; }

    /// <summary>The method's type parameters (a generic method is an error, ACQL0007, but its stub must still implement it).</summary>
    public EquatableArray<string> TypeParameters { get; init; }

    public EquatableArray<ParameterModel> Parameters { get; init; }

    public ReturnModel? Return { get; init; }

    public QueryOptionsModel Options { get; init; } = new();

    /// <summary>The CQL text; null when it is not a non-empty constant (ACQL0005).</summary>
    public string? Cql { get; init; }

    /// <summary>The CQL parsed once, its tokens kept (<see cref="CqlStatement.Tokens"/>) for locating names later.</summary>
    public CqlStatement? Statement { get; init; }

    public CqlTextLocator? Locator { get; init; }

    /// <summary>The method's name in its declaration.</summary>
    public LocationInfo? Location { get; init; }

    /// <summary>Enums and user-defined types used by parameters and results.</summary>
    public EquatableArray<TypeDefinition> Definitions { get; init; }

    /// <summary>Problems found in the declaration.</summary>
    public EquatableArray<DiagnosticInfo> Diagnostics { get; init; }

    /// <summary>Where each parameter is declared, by index (for ACQL0004/0103/0303).</summary>
    public EquatableArray<LocationInfo> ParameterLocations { get; init; }

    /// <summary>The return type in the declaration.</summary>
    public LocationInfo? ReturnLocation { get; init; }
}
