using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>The generated code compiles with no warnings under nullable reference types (the repository builds with warnings as errors).</summary>
public class CompilationTests
{
    [Theory]
    [InlineData(nameof(Sources.Users), false)]
    [InlineData(nameof(Sources.AllTypes), false)]
    [InlineData(nameof(Sources.AllTypes), true)]
    public void Generated_code_compiles_without_warnings(string source, bool withSchema)
    {
        var text = (string)typeof(Sources).GetField(source)!.GetValue(null)!;
        var result = GeneratorHarness.Run(text, withSchema ? Sources.AllTypesSchema : null);

        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Empty(result.CompilationDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Faulted_methods_and_foreign_members_compile_as_throwing_stubs()
    {
        var result = GeneratorHarness.Run(Sources.Nested);

        Assert.Equal(["ACQL0008", "ACQL0012", "ACQL0101"], result.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Empty(result.CompilationDiagnostics.Where(d => !d.Id.StartsWith("ACQL", StringComparison.Ordinal)).Select(d => d.ToString()));
    }
}
