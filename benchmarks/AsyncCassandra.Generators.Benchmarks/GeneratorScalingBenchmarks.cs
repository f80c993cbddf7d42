using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Benchmarks;

/// <summary>
/// One generator run over a project whose repositories hold <see cref="Methods"/> [CqlQuery] methods, all in one
/// interface or in interfaces of ten (<see cref="InterfacesOfTen"/>), checked against a schema.cql. Time per run should
/// grow linearly with the methods, whichever way they are split:
/// <list type="bullet">
/// <item><see cref="FirstRun"/>: a new driver on a new compilation (a clean build);</item>
/// <item><see cref="EditOneMethod"/>: an incremental run after one method's CQL changed (the interface is read and
/// checked again, the other interfaces come from the cache);</item>
/// <item><see cref="EditUnrelatedFile"/>: an incremental run after a file without repositories changed (every step
/// cached).</item>
/// </list>
/// Each invocation is a whole run (hundreds of milliseconds at most), so it is measured as such (monitoring strategy).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class GeneratorScalingBenchmarks
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);
    private readonly AdditionalText[] _schema = [new InMemoryText("schema.cql", RepositorySources.Schema)];
    private ImmutableArray<MetadataReference> _references;
    private SyntaxTree[] _trees = [];
    private SyntaxTree _editedRepositories = null!;
    private SyntaxTree _editedUnrelated = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;

    [Params(300, 1200, 2400, 4800)]
    public int Methods { get; set; }

    [Params(false, true)]
    public bool InterfacesOfTen { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(AsyncSession).Assembly.Location);
        _references = [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];

        var perInterface = InterfacesOfTen ? 10 : Methods;
        _trees =
        [
            CSharpSyntaxTree.ParseText(RepositorySources.Repositories(Methods, perInterface), Parse, path: "Repositories.cs"),
            CSharpSyntaxTree.ParseText(RepositorySources.Unrelated(0), Parse, path: "Clock.cs"),
            CSharpSyntaxTree.ParseText(RepositorySources.GlobalUsings, Parse, path: "GlobalUsings.cs"),
        ];
        _editedRepositories = CSharpSyntaxTree.ParseText(RepositorySources.Repositories(Methods, perInterface, edit: true), Parse, path: "Repositories.cs");
        _editedUnrelated = CSharpSyntaxTree.ParseText(RepositorySources.Unrelated(1), Parse, path: "Clock.cs");
        _compilation = NewCompilation();
        _warm = NewDriver().RunGenerators(_compilation);

        var result = _warm.GetRunResult();
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("The generator did not implement the repositories: " + string.Join("; ", result.Diagnostics));
        }
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(NewCompilation());

    [Benchmark]
    public GeneratorDriver EditOneMethod() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_trees[0], _editedRepositories));

    [Benchmark]
    public GeneratorDriver EditUnrelatedFile() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_trees[1], _editedUnrelated));

    private CSharpCompilation NewCompilation() => CSharpCompilation.Create(
        "Bench",
        _trees,
        _references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new RepositoryGenerator().AsSourceGenerator()],
        _schema,
        Parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
