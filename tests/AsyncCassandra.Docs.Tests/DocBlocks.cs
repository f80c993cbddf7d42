using System.Text.RegularExpressions;

namespace AsyncCassandra.Docs.Tests;

/// <summary>The C# code blocks of the repository's Markdown pages (README.md and docs/*.md).</summary>
internal static partial class DocBlocks
{
    /// <summary>
    /// docs/diagnostics.md is left out: its blocks are the mistakes each ACQL diagnostic reports (they must not
    /// compile); every diagnostic has its own generator test.
    /// </summary>
    private static readonly string[] Excluded = ["diagnostics.md"];

    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Where(p => !Excluded.Contains(Path.GetFileName(p)));

    /// <summary>The page's ```csharp blocks, each with the line it starts on.</summary>
    public static List<(int Line, string Code)> Read(string page)
    {
        string text = File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = new List<(int, string)>();
        foreach (Match match in Block().Matches(text))
        {
            int line = text.AsSpan(0, match.Index).Count('\n') + 2;
            blocks.Add((line, match.Groups["code"].Value));
        }

        return blocks;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncCassandra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (AsyncCassandra.sln) is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
