using System.Reflection;
using System.Text.RegularExpressions;
using AsyncCassandra.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Diagnostics;

public class DiagnosticCatalogueTests
{
    private static readonly DiagnosticDescriptor[] Declared = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    private static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException(relativePath);
    }

    [Fact]
    public void All_lists_every_descriptor_once_in_id_order()
    {
        Assert.Equal(Declared.Select(d => d.Id).Order(StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Id));
        Assert.Equal(Declared.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Ids_fall_in_the_range_of_their_category()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Matches("^ACQL[0-9]{4}$", descriptor.Id);
            var number = int.Parse(descriptor.Id.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            var expected = number switch
            {
                < 100 => DiagnosticDescriptors.DeclarationCategory,
                < 200 => DiagnosticDescriptors.CqlCategory,
                < 300 => DiagnosticDescriptors.MappingCategory,
                < 400 => DiagnosticDescriptors.SchemaCategory,
                _ => "out of range",
            };
            Assert.Equal(expected, descriptor.Category);
        }
    }

    [Fact]
    public void Help_links_open_the_section_of_the_id_on_the_diagnostics_page_of_this_repository()
    {
        var page = RepositoryFile(DocumentationLinks.DiagnosticsPage);
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var anchor = descriptor.Id.ToLowerInvariant();
            Assert.Equal(DocumentationLinks.Repository + "docs/diagnostics.md#" + anchor, descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>", page, StringComparison.Ordinal);
        }

        Assert.True(Uri.TryCreate(DocumentationLinks.For("ACQL0001"), UriKind.Absolute, out _));
    }

    [Fact]
    public void Errors_unless_informational()
    {
        string[] notErrors = ["ACQL0011", "ACQL0108", "ACQL0110", "ACQL0112", "ACQL0113", "ACQL0203"];
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal(!notErrors.Contains(descriptor.Id), descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        }

        Assert.Equal(DiagnosticSeverity.Info, DiagnosticDescriptors.SelectStarUnchecked.DefaultSeverity);
    }

    [Fact]
    public void Messages_format_with_their_arguments()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var placeholders = Regex.Matches(format, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var count = placeholders.Length == 0 ? 0 : placeholders.Max() + 1;
            var args = Enumerable.Range(0, count).Select(i => (object)("arg" + i)).ToArray();
            var message = Diagnostic.Create(descriptor, Location.None, args).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain("{", message.Replace("{0}", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.False(message.EndsWith('.'), descriptor.Id + ": single-sentence messages end without a period");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Every_id_has_a_documented_section_and_every_section_an_id()
    {
        var docs = RepositoryFile("docs/diagnostics.md");
        var documented = Regex.Matches(docs, @"^## (ACQL\d{4})\b", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), documented.Where(id => DiagnosticDescriptors.All.Any(d => d.Id == id)));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>", docs, StringComparison.Ordinal);
            var section = SectionOf(docs, descriptor.Id);
            Assert.Contains(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), section, StringComparison.Ordinal);
            Assert.Contains("```", section, StringComparison.Ordinal);
            Assert.Contains("How to fix", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_id_is_tracked_in_the_analyzer_release_files()
    {
        var releases = RepositoryFile("src/AsyncCassandra.Generators/AnalyzerReleases.Unshipped.md")
            + RepositoryFile("src/AsyncCassandra.Generators/AnalyzerReleases.Shipped.md");
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
        }
    }

    private static string SectionOf(string docs, string id)
    {
        var start = docs.IndexOf("## " + id, StringComparison.Ordinal);
        Assert.True(start >= 0, id + " has no section");
        var end = docs.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? docs[start..] : docs[start..end];
    }
}
