using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// Everything read from one [CqlQuery] method's symbols, before the schema is known: the first step of the pipeline.
/// Equatable, with locations kept as values, so the next step reruns only when something it uses changed.
/// </summary>
/// <param name="Name">The method name.</param>
internal sealed record MethodTarget(string Name)
{
    /// <summary>The interface; null when the method is not in an interface (ACQL0006).</summary>
    public InterfaceModel? Interface { get; init; }

    /// <summary>Diagnostics about the interface, carried by its first [CqlQuery] method only.</summary>
    public EquatableArray<DiagnosticInfo> InterfaceDiagnostics { get; init; }

    /// <summary>The position of the method among the interface's members (orders the generated members).</summary>
    public int Ordinal { get; init; }

    /// <summary>Another member of the interface has the same name.</summary>
    public bool IsOverloaded { get; init; }

    /// <summary>The explicit implementation's signature, without body.</summary>
    public string Signature { get; init; } = string.Empty;

    /// <summary>The interface's short name, for runtime messages.</summary>
    public string InterfaceDisplayName { get; init; } = string.Empty;

    public EquatableArray<ParameterModel> Parameters { get; init; }

    public ReturnModel? Return { get; init; }

    public QueryOptionsModel Options { get; init; } = new();

    /// <summary>The CQL text; null when it is not a non-empty constant (ACQL0005).</summary>
    public string? Cql { get; init; }

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
