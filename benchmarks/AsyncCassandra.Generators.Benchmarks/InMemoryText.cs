using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncCassandra.Generators.Benchmarks;

/// <summary>An additional file (schema.cql) held in memory.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
