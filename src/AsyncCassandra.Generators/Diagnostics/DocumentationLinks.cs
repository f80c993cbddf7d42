namespace AsyncCassandra.Generators.Diagnostics;

/// <summary>
/// Where the diagnostics' help links point: the section of each id in docs/diagnostics.md of the project's
/// repository. The repository has no public home yet, so <see cref="Repository"/> is the one place to change when
/// it gets one (every descriptor's link is built from it, and the catalogue test checks the page and its anchors).
/// </summary>
internal static class DocumentationLinks
{
    /// <summary>The repository's web address, with the branch whose documentation the links open.</summary>
    public const string Repository = "https://github.com/asynccassandra/asynccassandra/blob/main/";

    /// <summary>The diagnostics page, relative to the repository root.</summary>
    public const string DiagnosticsPage = "docs/diagnostics.md";

    /// <summary>The help link of an id: its anchor (lower case) on the diagnostics page.</summary>
    public static string For(string id) => Repository + DiagnosticsPage + "#" + id.ToLowerInvariant();
}
