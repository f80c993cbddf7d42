using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>The pipeline's cache: edits that do not change a model leave the steps after it cached.</summary>
public class IncrementalTests
{
    private static readonly string[] ModelSteps =
        [TrackingNames.Interfaces, TrackingNames.Analysis, TrackingNames.Diagnostics, TrackingNames.Repositories, TrackingNames.Registrations];

    private const string Unrelated = "namespace Other { public class Unrelated { public int A; } }";

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        return (GeneratorHarness.CreateDriver().RunGenerators(compilation), compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == path),
            CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: path));

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason) : [];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var (driver, compilation) = FirstRun(Sources.Users, Unrelated);

        driver = driver.RunGenerators(Replace(compilation, "Source1.cs", Unrelated.Replace("public int A;", "public int A; public int B;", StringComparison.Ordinal)));

        var run = driver.GetRunResult().Results.Single();
        foreach (var step in ModelSteps)
        {
            Assert.NotEmpty(Reasons(run, step));
            Assert.All(Reasons(run, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Moving_a_declaration_moves_diagnostics_but_does_not_re_emit()
    {
        var source = Sources.Users.Replace("Task<long> CountAsync", "Task<int> CountAsync", StringComparison.Ordinal);
        var (driver, compilation) = FirstRun(source);

        driver = driver.RunGenerators(Replace(compilation, "Source0.cs", "\n\n" + source));

        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, TrackingNames.Diagnostics));
        Assert.All(Reasons(run, TrackingNames.Repositories), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void Editing_one_query_re_emits_only_its_repository()
    {
        var (driver, compilation) = FirstRun(Sources.Users, Sources.Nested);

        driver = driver.RunGenerators(Replace(compilation, "Source0.cs", Sources.Users.Replace("SELECT count(*) FROM users", "SELECT count(1) FROM users", StringComparison.Ordinal)));

        var run = driver.GetRunResult().Results.Single();
        var repositories = Reasons(run, TrackingNames.Repositories).ToList();
        Assert.Equal(1, repositories.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, repositories.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(Reasons(run, TrackingNames.Registrations), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void Editing_the_schema_reanalyzes_the_methods()
    {
        var compilation = GeneratorHarness.CreateCompilation(Sources.AllTypes);
        var schema = new InMemoryText("schema.cql", Sources.AllTypesSchema);
        var driver = GeneratorHarness.CreateDriver([schema]).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(schema, new InMemoryText("schema.cql", Sources.AllTypesSchema.Replace("color text", "color int", StringComparison.Ordinal)))
            .RunGenerators(compilation);

        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, TrackingNames.Schema));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, TrackingNames.Repositories));
        Assert.All(Reasons(run, TrackingNames.Interfaces), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }
}
