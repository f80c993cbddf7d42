using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// A sample started the way its README says (<c>dotnet run --project samples/X</c>, here with <c>--no-build</c> since
/// the test build already built it), listening on a free loopback port that Kestrel picks (<c>--urls
/// http://127.0.0.1:0</c>) and reports on its console. Killed with its process tree when disposed.
/// </summary>
public sealed partial class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process) => _process = process;

    /// <summary>The address the sample listens on.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the sample printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (bin/&lt;configuration&gt;/net10.0/), which built the samples too.</summary>
    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static async Task<SampleProcess> StartAsync(string project, IReadOnlyDictionary<string, string> environment, ITestOutputHelper? log = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "run", "--no-build", "--configuration", BuildConfiguration, "--project", Path.Combine("samples", project), "--", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("CASSANDRA_CONTACT_POINTS");
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sample = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => sample.Received(e.Data, log);
        process.ErrorDataReceived += (_, e) => sample.Received(e.Data, log);
        process.Exited += (_, _) => sample._listening.TrySetException(new InvalidOperationException($"The {project} sample exited with code {SafeExitCode(process)} before it listened:\n{sample.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            sample.BaseAddress = await sample._listening.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }

        return sample;
    }

    private void Received(string? line, ITestOutputHelper? log)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        try
        {
            log?.WriteLine("[sample] " + line);
        }
        catch (InvalidOperationException)
        {
            // The test that owned the output helper has finished; the line stays in Output.
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static int? SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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

        throw new InvalidOperationException("The repository root (AsyncCassandra.sln) is not above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It never started, or has exited already.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
