using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Model;

/// <summary>The project's options for the generator (analyzer config), read once per change.</summary>
/// <param name="TargetVersion">The Cassandra version the project targets: constructs newer than it warn (ACQL0112). 5.0, the grammar the checker follows, when not set.</param>
/// <param name="Diagnostics">Problems with the options (ACQL0113).</param>
internal sealed record GeneratorOptions(CqlVersion TargetVersion, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly GeneratorOptions Default = new(CqlVersion.Followed, EquatableArray<DiagnosticInfo>.Empty);
}
