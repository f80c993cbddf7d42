using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>
/// Reads <see cref="GeneratorOptions"/> from the global analyzer options: <c>asynccassandra.cassandra_version</c> in a
/// .globalconfig, or the MSBuild property <c>AsyncCassandraCassandraVersion</c> made visible to the compiler
/// (<c>&lt;CompilerVisibleProperty Include="AsyncCassandraCassandraVersion" /&gt;</c>).
/// </summary>
internal static class OptionsReader
{
    public const string VersionKey = "asynccassandra.cassandra_version";
    public const string VersionProperty = "build_property.AsyncCassandraCassandraVersion";

    public static GeneratorOptions Read(AnalyzerConfigOptions options)
    {
        if (!(options.TryGetValue(VersionKey, out var text) && text.Trim().Length > 0)
            && !(options.TryGetValue(VersionProperty, out text) && text.Trim().Length > 0))
        {
            return GeneratorOptions.Default;
        }

        return CqlVersion.TryParse(text, out var version)
            ? new GeneratorOptions(version, EquatableArray<DiagnosticInfo>.Empty)
            : GeneratorOptions.Default with { Diagnostics = EquatableArray.Create(DiagnosticFactory.Create(DiagnosticDescriptors.InvalidTargetVersion, null, text)) };
    }
}
