using System.Diagnostics;
using System.Text;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>Runs a program (the export sample, Python) as a separate process, the way a user would.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The exit code once the process has ended; -1 before.</summary>
    public int ExitCode => _process.HasExited ? _process.ExitCode : -1;

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

    /// <summary>A sample's built program (samples/NAME, same configuration as the tests).</summary>
    public static string SamplePath(string name)
    {
        string tests = AppContext.BaseDirectory;
        string configuration = new DirectoryInfo(tests).Parent!.Name;
        string root = tests[..tests.IndexOf("/tests/", StringComparison.Ordinal)];
        string path = Path.Combine(root, "samples", name, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The sample {name} is not built at {path}.");
    }

    /// <summary>Starts the export sample (samples/ExportLargeTable) with arguments.</summary>
    public static ChildProcess StartSample(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start("dotnet", [SamplePath("ExportLargeTable"), .. arguments], environment);

    public static ChildProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Waits for the exit; returns the exit code (fails the test past the time limit).</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The process did not end within {limit}. Output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no clean-up runs in the process.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
