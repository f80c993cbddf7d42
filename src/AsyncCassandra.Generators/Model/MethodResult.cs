using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>The analysis of one method: what to emit (when it belongs to an interface that can be emitted) and what to report.</summary>
internal sealed record MethodResult(InterfaceModel? Interface, MethodModel? Method, EquatableArray<TypeDefinition> Definitions, EquatableArray<DiagnosticInfo> Diagnostics);
