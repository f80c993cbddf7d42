using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

/// <summary>
/// One diagnostic id: a declaration that raises it (at the source text <see cref="At"/>, when given) and a near
/// declaration, one edit away, that does not.
/// </summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Raising">Members of a repository interface (or a whole file when it has a namespace) that raise it.</param>
/// <param name="Near">The corrected version, which must not raise it nor any error.</param>
public sealed record DiagnosticCase(string Id, string Raising, string Near)
{
    /// <summary>The text the diagnostic must underline.</summary>
    public string? At { get; init; }

    /// <summary>A schema.cql for both versions.</summary>
    public string? Schema { get; init; }

    /// <summary>A different schema for the near version (the edit is in the schema).</summary>
    public string? NearSchema { get; init; }

    /// <summary>The targeted Cassandra version (asynccassandra.cassandra_version) for both versions.</summary>
    public string? TargetVersion { get; init; }

    /// <summary>A different targeted version for the near version (the edit is in the option).</summary>
    public string? NearTargetVersion { get; init; }

    public override string ToString() => Id;

    private const string Preamble = """
        using AsyncCassandra;

        namespace Cases;

        public sealed record User(Guid Id, string Name);

        """;

    /// <summary>Member lists become a repository interface; complete files are used as they are.</summary>
    public static string Wrap(string code) => code.Contains("interface ", StringComparison.Ordinal) || code.Contains("class ", StringComparison.Ordinal)
        ? Preamble + code
        : Preamble + "public partial interface IRepository\n{\n" + code + "\n}\n";

    public static GeneratorResult Run(string code, string? schema, string? targetVersion = null) =>
        GeneratorHarness.Run(Wrap(code), schema, targetVersion is null ? null : new Dictionary<string, string> { ["asynccassandra.cassandra_version"] = targetVersion });

    public void AssertRaised()
    {
        var result = Run(Raising, Schema, TargetVersion);
        var raised = result.GeneratorDiagnostics.Where(d => d.Id == Id).ToList();
        Assert.True(raised.Count == 1, $"{Id} was reported {raised.Count} times: {string.Join("; ", result.GeneratorDiagnostics)}");
        var diagnostic = raised[0];
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
        if (At is not null)
        {
            Assert.Equal(At, LocatedText(result, diagnostic));
        }

        // The generated code still compiles: faulted methods become throwing stubs.
        Assert.Empty(result.CompilationDiagnostics.Where(d => !d.Id.StartsWith("ACQL", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error && IsGenerated(d)).Select(d => d.ToString()));
    }

    public void AssertNearIsClean()
    {
        var result = Run(Near, NearSchema ?? Schema, NearTargetVersion ?? TargetVersion);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == Id);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Empty(result.CompilationDiagnostics.Select(d => d.ToString()));
    }

    private static bool IsGenerated(Diagnostic diagnostic) => diagnostic.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

    /// <summary>The text a diagnostic's location covers, in the user's source or in schema.cql.</summary>
    public static string LocatedText(GeneratorResult result, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var tree = result.Output.SyntaxTrees.FirstOrDefault(t => t.FilePath == span.Path);
        if (tree is not null)
        {
            return tree.GetText().ToString(diagnostic.Location.SourceSpan);
        }

        Assert.Fail($"{diagnostic.Id} points into '{span.Path}', which is not a source file");
        return string.Empty;
    }
}
