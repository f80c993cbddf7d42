using System.Text;
using AsyncCassandra.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Docs.Tests;

/// <summary>
/// Compiles one page's C# blocks together, against the library and with its source generator, as a user's project
/// would. A block of declarations (types, usings) is a file of its own; a block of statements is the body of an
/// async method (its types hoisted to a file beside it), in a class whose members stand for what a page's snippets
/// take as given: <c>session</c>, <c>cluster</c>, <c>ct</c>, <c>id</c>, ... (a snippet's own locals hide them).
/// </summary>
internal static class DocCompiler
{
    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using AsyncCassandra;
        global using AsyncCassandra.Bulk;
        global using AsyncCassandra.Metadata;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        """;

    /// <summary>What snippets use without declaring: the session and cluster, a cancellation token, ids, a host builder.</summary>
    private const string Givens = """
        #pragma warning disable CS0649, CS0169, CS8618, CS0414
        public partial class DocSnippets
        {
            protected AsyncCluster cluster;
            protected AsyncSession session;
            protected CassandraOptions options;
            protected CancellationToken ct;
            protected CancellationToken cancellationToken;
            protected Guid id, a, b;
            protected string secret;
            protected PreparedStatement select, insert, prepared;
            protected HostApplicationBuilder builder;
            protected WebApplication app;
            protected IServiceCollection services;
            protected IConfiguration configuration;
            protected ILogger logger;
            protected static void Show(object? value) => Console.WriteLine(value);
        }

        // Pages that register repositories (AddCassandraRepositories) take a project that has one.
        public partial interface IGivenRepository
        {
            [CqlQuery("SELECT release_version FROM system.local")]
            Task<string?> VersionAsync(CancellationToken ct = default);
        }
        """;

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    public static IReadOnlyList<string> Compile(string page, IReadOnlyList<(int Line, string Code)> blocks)
    {
        string name = Path.GetFileName(page);
        var trees = new List<SyntaxTree> { Tree(Usings, "Usings.cs"), Tree(Givens, "Givens.cs") };
        var snippets = new StringBuilder("#pragma warning disable CS1998, CS0168, CS0219, CS8321\npublic partial class DocSnippets\n{\n");
        var problems = new List<string>();
        for (int i = 0; i < blocks.Count; i++)
        {
            (int line, string code) = blocks[i];
            string path = $"{name}:{line}";
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Parse).GetRoot();
            // CS8803 (statements after types) is what a snippet with its types first looks like: the types are hoisted.
            if (unit.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8803").ToList() is { Count: > 0 } syntax)
            {
                problems.AddRange(syntax.Select(d => $"{path}: does not parse as C#: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
                continue;
            }

            var statements = unit.Members.OfType<GlobalStatementSyntax>().ToList();
            if (statements.Count == 0)
            {
                trees.Add(Tree(code, path));
                continue;
            }

            // Statements become a method in a file of their own that keeps the block's usings (a block that says
            // `using OpenTelemetry.Metrics;` compiles only with it); the block's types stay at file level beside it.
            var declarations = unit.Members.Where(m => m is not GlobalStatementSyntax).ToList();
            string usings = string.Concat(unit.Usings.Select(u => u.ToFullString()));
            trees.Add(Tree(usings + string.Concat(declarations.Select(d => d.ToFullString())), path + ".types"));
            var method = new StringBuilder(usings);
            method.Append("#pragma warning disable CS1998, CS0168, CS0219, CS8321\npublic partial class DocSnippets\n{\n");
            method.Append($"    public async Task Block_{line}()\n    {{\n#line {line} \"{path}\"\n");
            method.Append(string.Concat(statements.Select(s => s.ToFullString())));
            method.Append("\n#line default\n    }\n}\n");
            trees.Add(Tree(method.ToString(), path + ".statements"));
        }

        snippets.Append("}\n");
        trees.Add(Tree(snippets.ToString(), name + ".snippets"));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Docs_" + Path.GetFileNameWithoutExtension(page).Replace('-', '_'),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new RepositoryGenerator()).WithUpdatedParseOptions(Parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out var generatorDiagnostics);
        problems.AddRange(generatorDiagnostics.Concat(generated.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{Where(d)}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        return problems;
    }

    private static SyntaxTree Tree(string code, string path) => CSharpSyntaxTree.ParseText(code, Parse, path, Encoding.UTF8);

    private static string Where(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetMappedLineSpan();
        return span.Path is { Length: > 0 } ? $"{span.Path} (line {span.StartLinePosition.Line + 1} of the block or page)" : "(no location)";
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(p => !paths.Any(known => Path.GetFileName(known) == Path.GetFileName(p))));
        return [.. paths.Where(p => !Path.GetFileName(p).StartsWith("AsyncCassandra.Generators", StringComparison.Ordinal)
            && !Path.GetFileName(p).StartsWith("AsyncCassandra.Docs.Tests", StringComparison.Ordinal)
            && !Path.GetFileName(p).Contains("xunit", StringComparison.OrdinalIgnoreCase)).Select(p => MetadataReference.CreateFromFile(p))];
    });
}
