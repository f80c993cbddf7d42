using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>A repository interface as the emitter needs it: where it is declared and what it contains besides [CqlQuery] methods. No locations, so moving code around does not re-emit.</summary>
/// <param name="Namespace">Its namespace; empty for the global namespace.</param>
/// <param name="Name">Its simple name.</param>
/// <param name="FullName">Its name fully qualified with <c>global::</c>.</param>
internal sealed record InterfaceModel(string Namespace, string Name, string FullName)
{
    /// <summary>The types it is nested in, outermost first, as declarations to reopen (<c>partial class Outer</c>).</summary>
    public EquatableArray<string> ContainingTypes { get; init; }

    /// <summary>The generated code can be emitted: the interface and its containing types are partial and not generic.</summary>
    public bool CanEmit { get; init; }

    /// <summary>Declared with nullable annotations off (<c>#nullable disable</c>, or a project without Nullable): its types are oblivious.</summary>
    public bool ObliviousNullability { get; init; }

    /// <summary>A base interface is a repository too, whose generated Create this one's hides (<c>new</c>).</summary>
    public bool HidesBaseCreate { get; init; }

    /// <summary>Explicit implementations that throw, for members the generator cannot implement (ACQL0012), so that only that error is shown.</summary>
    public EquatableArray<string> Stubs { get; init; }
}
