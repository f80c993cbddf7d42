using System.ComponentModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>
/// Generated code binds to the runtime through one documented seam: the namespace <c>AsyncCassandra.Advanced</c>
/// (codecs, the value writer, row binding, the statement slot, and the advanced extension methods), plus the ordinary
/// public API a user also sees (AsyncSession, statements, RowSet, ...). It never reaches into another namespace of the
/// runtime, nor into a member of the public API that is hidden from users as advanced.
/// </summary>
public class GeneratedCodeSeamTests
{
    [Theory]
    [InlineData(nameof(Sources.Users), false)]
    [InlineData(nameof(Sources.AllTypes), false)]
    [InlineData(nameof(Sources.AllTypes), true)]
    [InlineData(nameof(Sources.Edges), false)]
    public void Generated_code_uses_only_the_public_api_and_the_advanced_namespace(string source, bool withSchema)
    {
        var text = (string)typeof(Sources).GetField(source)!.GetValue(null)!;
        var result = GeneratorHarness.Run(text, withSchema ? Sources.AllTypesSchema : null);
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in result.Output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            SemanticModel model = result.Output.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes().Where(n => n is SimpleNameSyntax))
            {
                ISymbol? symbol = model.GetSymbolInfo(node).Symbol;
                if (symbol is IMethodSymbol { ReducedFrom: { } extension })
                {
                    symbol = extension;
                }

                if (symbol is null or INamespaceSymbol || symbol.ContainingAssembly?.Name != "AsyncCassandra.Runtime")
                {
                    continue;
                }

                string ns = (symbol as INamedTypeSymbol ?? symbol.ContainingType)!.ContainingNamespace.ToDisplayString();
                string name = symbol.ToDisplayString();
                used.Add(ns);
                if (ns == "AsyncCassandra.Advanced")
                {
                    continue;
                }

                if (ns != "AsyncCassandra" || symbol.DeclaredAccessibility != Accessibility.Public || IsAdvanced(symbol))
                {
                    violations.Add($"{name} ({ns}, {symbol.DeclaredAccessibility}{(IsAdvanced(symbol) ? ", advanced" : string.Empty)})");
                }
            }
        }

        Assert.Contains("AsyncCassandra.Advanced", used);
        Assert.True(violations.Count == 0, "Generated code reaches past the seam: " + string.Join("; ", violations));
    }

    private static bool IsAdvanced(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == nameof(EditorBrowsableAttribute)
            && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is int state && state == (int)EditorBrowsableState.Advanced);
}
