using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>The generated code compiles with no warnings under nullable reference types (the repository builds with warnings as errors).</summary>
public class CompilationTests
{
    [Theory]
    [InlineData(nameof(Sources.Users), false)]
    [InlineData(nameof(Sources.AllTypes), false)]
    [InlineData(nameof(Sources.AllTypes), true)]
    [InlineData(nameof(Sources.Edges), false)]
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

    [Fact]
    public void Token_parameter_anywhere_and_positional_values_in_order()
    {
        var generated = GeneratorHarness.Run(Sources.Edges).Generated("IEdgeRepository.g.cs");

        Assert.Contains("GetPointAsync(global::System.Threading.CancellationToken ct, int id)", generated, StringComparison.Ordinal);
        Assert.Contains("global::AsyncCassandra.Advanced.CqlCodecs.Int32.WriteValue(id, values);", generated, StringComparison.Ordinal);
        Assert.Contains("_getPointAsyncQuery.PrepareAsync(_session, ct)", generated, StringComparison.Ordinal);
        Assert.Contains("prepared.BindEncoded(4, values)", generated, StringComparison.Ordinal);
    }
}
