using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// A diagnostic to report, as equatable data: the descriptor's id, where, and the message arguments. Made by
/// <c>Diagnostics.DiagnosticFactory</c>, which also turns it into a Roslyn diagnostic.
/// </summary>
/// <param name="Id">The ACQL id of the descriptor.</param>
/// <param name="IsError">The descriptor's default severity is Error (the method is then not generated).</param>
/// <param name="Location">Where; null for none.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(string Id, bool IsError, LocationInfo? Location, EquatableArray<string> Arguments);
