using System.Diagnostics;

namespace AsyncCassandra.IntegrationTests;

/// <summary>
/// The quickstart (runtime + generated repository; its project sets PublishAot=true) published natively runs against the real node: the
/// trimming/AOT analyzers pass and the native executable works.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class NativeAotSampleTests(NodeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_quickstart_published_as_native_AOT_runs_against_the_node()
    {
        string root = FindRepositoryRoot();
        string publishDir = Path.Combine(Path.GetTempPath(), "asynccassandra-aot-" + Guid.NewGuid().ToString("N"));
        try
        {
            (int publishExit, string publishLog) = await RunAsync("dotnet", ["publish", Path.Combine(root, "samples", "Quickstart"), "-c", "Release", "-r", "linux-x64", "-o", publishDir], root, null, TimeSpan.FromMinutes(10));
            Assert.True(publishExit == 0, publishLog);
            Assert.DoesNotContain("warning IL", publishLog, StringComparison.Ordinal);
            string executable = Path.Combine(publishDir, "Quickstart");
            Assert.True(File.Exists(executable), $"no native executable at {executable}");

            var environment = new Dictionary<string, string>
            {
                ["CASSANDRA_CONTACT_POINTS"] = string.Join(",", fixture.Node.ContactPoints),
                ["CASSANDRA_PORT"] = fixture.Node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            (int exit, string log) = await RunAsync(executable, [], publishDir, environment, TimeSpan.FromMinutes(2));
            output.WriteLine(log);
            Assert.True(exit == 0, log);
            Assert.Contains("Inserted 5 users.", log, StringComparison.Ordinal);
            Assert.Contains("TryCreateAsync (same id again): applied = False", log, StringComparison.Ordinal);
            Assert.Contains("StreamAllAsync", log, StringComparison.Ordinal);
            Assert.Matches(@"Server release: \d+\.\d+", log);
        }
        finally
        {
            if (Directory.Exists(publishDir))
            {
                Directory.Delete(publishDir, recursive: true);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncCassandra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AsyncCassandra.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, string workingDirectory, Dictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string> pair in environment ?? [])
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
