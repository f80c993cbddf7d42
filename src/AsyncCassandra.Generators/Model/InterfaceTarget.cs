using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// One repository interface read from its symbols in one pass (the first pipeline step): the interface, each of
/// its [CqlQuery] methods in declaration order, and what is wrong with the interface itself.
/// </summary>
/// <param name="Interface">The interface.</param>
/// <param name="Methods">Its [CqlQuery] methods, in declaration order.</param>
/// <param name="Diagnostics">Problems of the interface (not partial, generic, members that cannot be generated).</param>
internal sealed record InterfaceTarget(InterfaceModel Interface, EquatableArray<MethodTarget> Methods, EquatableArray<DiagnosticInfo> Diagnostics);
