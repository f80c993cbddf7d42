extern alias runtime;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>Runs the repository generator over source text in memory, against the real runtime assembly.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    internal static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        var runtime = typeof(runtime::AsyncCassandra.AsyncSession).Assembly.Location;
        paths.Add(runtime);
        foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(runtime)!, "Microsoft.Extensions.*.dll"))
        {
            paths.Add(dll);
        }

        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>What ImplicitUsings gives a project.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additional = null, IReadOnlyDictionary<string, string>? globalOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new RepositoryGenerator().AsSourceGenerator()],
            additional,
            ParseOptions,
            globalOptions is null ? null : new GlobalOptionsProvider(globalOptions),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated files added.</summary>
    public static GeneratorResult Run(string source, string? schema = null, IReadOnlyDictionary<string, string>? globalOptions = null)
    {
        var compilation = CreateCompilation(source);
        var additional = schema is null ? [] : new[] { new InMemoryText("schema.cql", schema) };
        var driver = CreateDriver(additional, globalOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorResult(driver.GetRunResult(), output);
    }
}

/// <summary>What a generator run produced.</summary>
public sealed record GeneratorResult(GeneratorDriverRunResult Run, Compilation Output)
{
    /// <summary>The generator's own diagnostics.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Run.Diagnostics;

    /// <summary>The compiler's diagnostics for the source plus the generated files (warnings and errors).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public string Generated(string hintNameEnd) =>
        Run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    public IEnumerable<(string HintName, string Text)> AllGenerated =>
        Run.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()));
}

/// <summary>Global analyzer options (what a .globalconfig or CompilerVisibleProperty gives) held in memory.</summary>
internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    private static readonly Options None = new(new Dictionary<string, string>());

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

/// <summary>An AdditionalFiles item held in memory.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
