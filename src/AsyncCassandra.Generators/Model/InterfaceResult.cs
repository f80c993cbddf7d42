using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>The analysis of one repository interface: what to emit (null when the interface cannot be emitted) and what to report.</summary>
/// <param name="Repository">The repository to emit.</param>
/// <param name="Diagnostics">The interface's and its methods' diagnostics.</param>
internal sealed record InterfaceResult(RepositoryModel? Repository, EquatableArray<DiagnosticInfo> Diagnostics);
