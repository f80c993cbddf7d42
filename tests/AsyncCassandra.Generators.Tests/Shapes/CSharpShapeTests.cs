using AsyncCassandra.Generators.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Tests.Shapes;

/// <summary>
/// The C# shapes users write compile with the generated code and no warning, warnings being errors, under nullable
/// enabled, disabled, warnings-only and annotations-only contexts and C# 11, 12 and the latest version; the shapes the
/// generator cannot implement get a catalogued diagnostic that says what to change. The clean shapes share one
/// compilation per setting.
/// </summary>
public class CSharpShapeTests
{
    public static readonly TheoryData<NullableContextOptions, LanguageVersion> Settings = new()
    {
        { NullableContextOptions.Enable, LanguageVersion.CSharp11 },
        { NullableContextOptions.Enable, LanguageVersion.CSharp12 },
        { NullableContextOptions.Enable, LanguageVersion.Latest },
        { NullableContextOptions.Disable, LanguageVersion.CSharp11 },
        { NullableContextOptions.Disable, LanguageVersion.Latest },
        { NullableContextOptions.Warnings, LanguageVersion.CSharp12 },
        { NullableContextOptions.Annotations, LanguageVersion.CSharp12 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_shape_compiles_without_a_warning(NullableContextOptions nullable, LanguageVersion language)
    {
        // The other tests' sources annotate nullable references and use C# 12: a project can hold them only then.
        var annotated = nullable is NullableContextOptions.Enable or NullableContextOptions.Annotations && language != LanguageVersion.CSharp11;
        var sources = ShapeSources.Clean.Select(s => s.Source)
            .Concat(annotated ? [Sources.Users, Sources.AllTypes, Sources.Edges] : [])
            .ToArray();

        var (run, output) = Compile(sources, nullable, language);

        var problems = run.Diagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .Distinct()
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    internal static (GeneratorDriverRunResult Run, Compilation Output) Compile(string[] sources, NullableContextOptions nullable, LanguageVersion language, string assemblyName = "Shapes", IEnumerable<MetadataReference>? references = null)
    {
        var parse = new CSharpParseOptions(language);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Shape{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(GeneratorHarness.GlobalUsings, parse, path: "GlobalUsings.cs")),
            GeneratorHarness.References.Value.Concat(references ?? []),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));
        var driver = CSharpGeneratorDriver.Create([new RepositoryGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }
}
