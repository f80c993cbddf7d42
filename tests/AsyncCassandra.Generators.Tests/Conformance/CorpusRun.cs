using System.Text;
using AsyncCassandra.Generators.Tests.Generation;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Conformance;

/// <summary>What the checker said about one statement.</summary>
/// <param name="Entry">The statement.</param>
/// <param name="Diagnostics">Every generator diagnostic and every compiler error or warning in its lines of the source or in its generated code.</param>
/// <param name="Unbindable">No C# method can bind its markers (names that are not identifiers).</param>
public sealed record Verdict(CorpusEntry Entry, IReadOnlyList<(string Id, DiagnosticSeverity Severity, string At, string Message)> Diagnostics, bool Unbindable)
{
    public IEnumerable<(string Id, DiagnosticSeverity Severity, string At, string Message)> Errors =>
        Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public override string ToString() => $"{Entry} -> {string.Join("; ", Diagnostics.Select(d => $"{d.Id} at '{d.At}': {d.Message}"))}";
}

/// <summary>
/// Compiles corpus statements as [CqlQuery] methods of repository interfaces without a schema (a few large
/// compilations, not one per statement) and collects what the generator and the compiler report for each.
/// </summary>
public static class CorpusRun
{
    private const int MethodsPerInterface = 150;

    /// <summary>The verdicts, in entry order; <paramref name="crashes"/> gets any generator exception.</summary>
    public static IReadOnlyList<Verdict> Check(IReadOnlyList<CorpusEntry> entries, out IReadOnlyList<string> crashes)
    {
        var source = new StringBuilder("using AsyncCassandra;\n\nnamespace Corpus;\n\npublic sealed class AnyRow { }\n\n");
        var ranges = new (int First, int Last)[entries.Count];
        var unbindable = new bool[entries.Count];
        var line = CountLines(source);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i % MethodsPerInterface == 0)
            {
                source.Append(i == 0 ? string.Empty : "}\n\n").Append($"public partial interface ICorpus{i / MethodsPerInterface}\n{{\n");
                line += 2 + (i == 0 ? 0 : 2);
            }

            var declaration = MethodShape.Declare(i, entries[i].Cql);
            unbindable[i] = declaration is null;
            declaration ??= $"    [CqlQuery({MethodShape.Literal(entries[i].Cql)})] global::System.Threading.Tasks.Task M{i}();\n";
            var lines = declaration.Count(c => c == '\n');
            ranges[i] = (line, line + lines - 1);
            source.Append(declaration);
            line += lines;
        }

        source.Append("}\n");
        var compilation = GeneratorHarness.CreateCompilation(source.ToString());
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        crashes = run.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToList();

        var found = Enumerable.Range(0, entries.Count).Select(_ => new List<(string, DiagnosticSeverity, string, string)>()).ToArray();
        var corpusTree = output.SyntaxTrees.First();
        var tree = corpusTree.FilePath;
        foreach (var diagnostic in run.Diagnostics.Concat(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)))
        {
            var at = Owner(diagnostic, ranges, tree);
            if (at < 0)
            {
                crashes = [.. crashes, "unplaced: " + diagnostic];
                continue;
            }

            // Generator diagnostics carry file locations (no tree): their text is read from the corpus source.
            var located = diagnostic.Location.SourceTree ?? (diagnostic.Location.GetLineSpan().Path == tree ? corpusTree : null);
            var text = located is null ? string.Empty : located.GetText().ToString(diagnostic.Location.SourceSpan);
            found[at].Add((diagnostic.Id, diagnostic.Severity, text, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return entries.Select((e, i) => new Verdict(e, found[i], unbindable[i])).ToList();
    }

    // The statement a diagnostic belongs to: by line in the corpus source, by method name in generated code.
    private static int Owner(Diagnostic diagnostic, (int First, int Last)[] ranges, string corpus)
    {
        var location = diagnostic.Location;
        if (location.GetLineSpan().Path == corpus)
        {
            var line = location.GetLineSpan().StartLinePosition.Line;
            return Array.FindIndex(ranges, r => line >= r.First && line <= r.Last);
        }

        if (location.SourceTree is { } generated)
        {
            var text = generated.GetText().ToString();
            var name = System.Text.RegularExpressions.Regex.Matches(text.Substring(0, location.SourceSpan.Start), @"\bM(\d+)(?:Reader|Binder|Core|Iterator)?\b").LastOrDefault();
            return name is null ? -1 : int.Parse(name.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return -1;
    }

    private static int CountLines(StringBuilder builder) => builder.ToString().Count(c => c == '\n');
}
