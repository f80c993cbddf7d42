namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>
/// The checker against the real Cassandra 2.1 node, on the generator tests' conformance corpus: every valid statement
/// the checker says 2.1 reads (its since column, which the generator tests keep equal to the checker's answer) is
/// PREPAREd and must not be a syntax error there, and every invalid statement marked "syntax" must be one. The node
/// judges syntax only: its tables differ from the statements', so unknown tables and columns are not its verdict.
/// </summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class ConformanceNodeTests(GeneratedNodeFixture fixture)
{
    private static IEnumerable<string[]> Rows(string file, int columns) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conformance", file))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t', columns));

    private static string Unescape(string text) =>
        text.Replace("\\\\", "\u0001", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("\\t", "\t", StringComparison.Ordinal).Replace("\u0001", "\\", StringComparison.Ordinal);

    private async Task<Exception?> PrepareAsync(string cql)
    {
        try
        {
            await fixture.Session.PrepareAsync(cql);
            return null;
        }
        catch (CassandraException ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task The_node_finds_no_syntax_error_in_the_valid_statements_of_its_version()
    {
        var judged = Rows("valid.tsv", 3).Where(r => r[1] == "2.1").Select(r => (Source: r[0], Cql: Unescape(r[2]))).ToList();
        Assert.True(judged.Count >= 250, $"only {judged.Count} valid statements are 2.1's");

        var disagreements = new List<string>();
        foreach (var (source, cql) in judged)
        {
            if (await PrepareAsync(cql) is SyntaxErrorException error)
            {
                disagreements.Add($"{source}: {cql} -> {error.Message}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {judged.Count} statements the checker accepts as 2.1 CQL are syntax errors on the node:\n" + string.Join("\n", disagreements));
    }

    [Fact]
    public async Task The_node_refuses_as_syntax_errors_the_invalid_statements_marked_so()
    {
        var judged = Rows("invalid.tsv", 5).Where(r => r[3] == "syntax").Select(r => (Source: r[0], Cql: Unescape(r[4]))).ToList();
        Assert.True(judged.Count >= 40, $"only {judged.Count} invalid statements are judged");

        var disagreements = new List<string>();
        foreach (var (source, cql) in judged)
        {
            var outcome = await PrepareAsync(cql);
            if (outcome is not SyntaxErrorException)
            {
                disagreements.Add($"{source}: {cql} -> {(outcome is null ? "prepared" : outcome.GetType().Name + ": " + outcome.Message)}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {judged.Count} statements the checker refuses are not syntax errors on the node:\n" + string.Join("\n", disagreements));
    }
}
