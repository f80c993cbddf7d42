using System.Diagnostics;
using System.Text.Json;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests;

/// <summary>
/// What a user sees of the NuGet package: a readme, the project and repository addresses, and every dependency
/// named in docs/getting-started.md's Install section. Read from the project's own MSBuild evaluation, so a
/// dependency added to the csproj without the docs fails here.
/// </summary>
public sealed class PackageMetadataTests
{
    [Fact]
    public void The_package_has_a_readme_project_and_repository_urls()
    {
        using JsonDocument evaluation = Evaluate("-getProperty:PackageReadmeFile", "-getProperty:PackageProjectUrl", "-getProperty:RepositoryUrl", "-getItem:None");
        JsonElement properties = evaluation.RootElement.GetProperty("Properties");
        string readme = properties.GetProperty("PackageReadmeFile").GetString()!;
        Assert.False(string.IsNullOrEmpty(readme), "PackageReadmeFile is not set.");
        Assert.Contains(evaluation.RootElement.GetProperty("Items").GetProperty("None").EnumerateArray(), item =>
            Path.GetFileName(item.GetProperty("Identity").GetString()) == readme
            && item.TryGetProperty("Pack", out JsonElement pack) && pack.GetString() == "true"
            && File.Exists(item.GetProperty("FullPath").GetString()));
        Assert.True(Uri.TryCreate(properties.GetProperty("PackageProjectUrl").GetString(), UriKind.Absolute, out _), "PackageProjectUrl is not an absolute URL.");
        Assert.True(Uri.TryCreate(properties.GetProperty("RepositoryUrl").GetString(), UriKind.Absolute, out _), "RepositoryUrl is not an absolute URL.");
    }

    [Fact]
    public void Every_package_dependency_is_named_in_the_install_section_of_getting_started()
    {
        using JsonDocument evaluation = Evaluate("-getItem:PackageReference");
        string doc = File.ReadAllText(RowReadShapesTests.RepositoryFile("docs/getting-started.md"));
        string install = doc[doc.IndexOf("## Install", StringComparison.Ordinal)..doc.IndexOf("## Connect", StringComparison.Ordinal)];
        var missing = new List<string>();
        foreach (JsonElement reference in evaluation.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray())
        {
            string id = reference.GetProperty("Identity").GetString()!;
            if (reference.TryGetProperty("PrivateAssets", out JsonElement privateAssets) && privateAssets.GetString()!.Contains("all", StringComparison.OrdinalIgnoreCase))
            {
                continue; // build-time only: not a dependency of the package
            }

            // "Microsoft.Extensions.Logging.Abstractions" may be written as the `Logging` of "Microsoft.Extensions.*".
            string shortName = id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                ? id["Microsoft.Extensions.".Length..].Replace(".Abstractions", string.Empty, StringComparison.Ordinal)
                : id;
            if (!install.Contains(id, StringComparison.Ordinal) && !install.Contains($"`{shortName}`", StringComparison.Ordinal))
            {
                missing.Add(id);
            }
        }

        Assert.True(missing.Count == 0, $"docs/getting-started.md (Install) does not name these package dependencies: {string.Join(", ", missing)}.");
    }

    private static JsonDocument Evaluate(params string[] queries)
    {
        string project = RowReadShapesTests.RepositoryFile("src/AsyncCassandra.Runtime/AsyncCassandra.Runtime.csproj");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(project);
        foreach (string query in queries)
        {
            start.ArgumentList.Add(query);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "dotnet msbuild did not finish within 2 minutes.");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {errors}{output.Result}");
        return JsonDocument.Parse(output.Result);
    }
}
