using AsyncCassandra.Generators.Cql;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Conformance;

/// <summary>
/// The checker on the conformance corpus (valid.tsv, invalid.tsv): every statement compiled as a [CqlQuery] method
/// without a schema, in a few large compilations. Valid statements compile with no error or warning, invalid ones
/// get their diagnostic at their token, the generator never crashes.
/// </summary>
public class ConformanceTests
{
    private static readonly Lazy<(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<string> Crashes)> ValidRun = new(() =>
    {
        var verdicts = CorpusRun.Check(Corpus.Valid(), out var crashes);
        return (verdicts, crashes);
    });

    private static readonly Lazy<(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<string> Crashes)> InvalidRun = new(() =>
    {
        var verdicts = CorpusRun.Check(Corpus.Invalid(), out var crashes);
        return (verdicts, crashes);
    });

    [Fact]
    public void The_corpus_has_at_least_300_valid_and_60_invalid_statements_each_with_its_source()
    {
        var valid = Corpus.Valid();
        var invalid = Corpus.Invalid();

        Assert.True(valid.Count >= 300, $"{valid.Count} valid statements");
        Assert.True(invalid.Count >= 60, $"{invalid.Count} invalid statements");
        Assert.All(valid.Concat(invalid), e => Assert.False(string.IsNullOrWhiteSpace(e.Source), e.ToString()));
        Assert.Equal(valid.Count, valid.Select(e => e.Cql).Distinct(StringComparer.Ordinal).Count());
        Assert.All(invalid, e => Assert.Contains(e.ExpectedId, new[] { "ACQL0100", "ACQL0111" }));
        Assert.All(invalid, e => Assert.Contains(e.Node, new[] { "syntax", "-" }));
    }

    [Fact]
    public void Every_valid_statement_compiles_with_no_error_or_warning()
    {
        var (verdicts, crashes) = ValidRun.Value;

        Assert.Empty(crashes);
        var rejected = verdicts
            .Where(v => v.Unbindable || v.Diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning))
            .Select(v => v.ToString())
            .ToList();
        Assert.True(rejected.Count == 0, $"{rejected.Count} valid statements rejected:\n" + string.Join("\n", rejected));
    }

    [Fact]
    public void Every_valid_statement_needs_the_Cassandra_version_its_row_gives()
    {
        var wrong = Corpus.Valid()
            .Select(e => (Entry: e, Computed: CqlParser.Parse(e.Cql).MinimumVersion.ToString()))
            .Where(x => x.Computed != x.Entry.Since)
            .Select(x => $"{x.Entry}: row says {x.Entry.Since}, the checker {x.Computed}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_invalid_statement_gets_its_diagnostic_at_its_token()
    {
        var (verdicts, crashes) = InvalidRun.Value;

        Assert.Empty(crashes);
        var missed = new List<string>();
        foreach (var verdict in verdicts)
        {
            var entry = verdict.Entry;
            var expectedAt = MethodShape.Literal(entry.ExpectedAt!)[1..^1];
            if (!verdict.Diagnostics.Any(d => d.Id == entry.ExpectedId && d.Severity == DiagnosticSeverity.Error && d.At == expectedAt))
            {
                missed.Add($"{verdict} (expected {entry.ExpectedId} at '{entry.ExpectedAt}')");
            }
        }

        Assert.True(missed.Count == 0, $"{missed.Count} invalid statements not reported as expected:\n" + string.Join("\n", missed));
    }
}
