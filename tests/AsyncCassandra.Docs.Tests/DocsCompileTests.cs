namespace AsyncCassandra.Docs.Tests;

/// <summary>Every C# block of README.md and docs/*.md compiles against the library (with its generator), page by page.</summary>
public sealed class DocsCompileTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (string page in DocBlocks.Pages())
        {
            pages.Add(Path.GetRelativePath(DocBlocks.Root, page));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_of_the_page_compiles(string page)
    {
        List<(int Line, string Code)> blocks = DocBlocks.Read(Path.Combine(DocBlocks.Root, page));
        IReadOnlyList<string> problems = DocCompiler.Compile(Path.Combine(DocBlocks.Root, page), blocks);
        Assert.True(problems.Count == 0, $"{page}: {blocks.Count} block(s), {problems.Count} error(s):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported()
    {
        IReadOnlyList<string> problems = DocCompiler.Compile("broken.md", [(3, "await session.ExecuteAsync(42, ct);\n"), (9, "[CqlQuery(\"SELECT x FROM\")]\n")]);
        Assert.Contains(problems, p => p.Contains("broken.md:3", StringComparison.Ordinal) && p.Contains("CS1503", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.md:9", StringComparison.Ordinal));
    }

    [Fact]
    public void The_docs_pages_the_issue_lists_exist_and_have_code()
    {
        string[] pages = ["getting-started.md", "repositories.md", "streaming-and-paging.md", "retries-and-idempotency.md", "cluster-and-routing.md", "bulk.md", "observability.md", "testing.md", "performance.md", "architecture.md", "troubleshooting.md", "from-datastax-mapper.md"];
        foreach (string page in pages)
        {
            Assert.True(File.Exists(Path.Combine(DocBlocks.Root, "docs", page)), $"docs/{page} is missing");
        }
    }
}
