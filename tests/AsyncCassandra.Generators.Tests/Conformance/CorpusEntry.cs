namespace AsyncCassandra.Generators.Tests.Conformance;

/// <summary>One statement of the conformance corpus.</summary>
/// <param name="Source">Where it was taken from (repository@commit:path:line, or "own" for statements written here).</param>
/// <param name="Cql">The statement.</param>
/// <param name="Line">Its line in the corpus file.</param>
public sealed record CorpusEntry(string Source, string Cql, int Line)
{
    /// <summary>Valid rows: the oldest Cassandra version whose grammar reads it, as the checker computes it.</summary>
    public string? Since { get; init; }

    /// <summary>Invalid rows: the diagnostic id the checker must report.</summary>
    public string? ExpectedId { get; init; }

    /// <summary>Invalid rows: the CQL text the diagnostic must underline.</summary>
    public string? ExpectedAt { get; init; }

    /// <summary>Invalid rows: "syntax" when Cassandra 2.1 must refuse it as a syntax error too; "-" when the node cannot judge it.</summary>
    public string? Node { get; init; }

    public override string ToString() => $"line {Line} ({Source}): {Cql}";
}
