using System.Diagnostics;
using AsyncCassandra.ServerModel;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>
/// Keeps the model honest: an independent client, the DataStax Python driver (Debian's python3-cassandra 3.25 with
/// python3-lz4; scripts/ensure-python-driver.sh installs them), connects to it in every mode and runs a prepared query
/// and a result larger than one v5 segment, in one page and in pages. A model that framed, compressed, checksummed or
/// negotiated differently from Cassandra would fail here, not only in our own client.
/// </summary>
public sealed class PythonDriverTests
{
    public static TheoryData<string> Modes => ["v5", "v5-lz4", "v5-auth", "v5-lz4-auth", "negotiate-to-v5", "negotiate-to-v4", "v3", "v4-lz4-auth", "v3.11-beta-v5"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_python_driver_runs_a_prepared_query_and_a_multi_segment_result(string mode)
    {
        bool lz4 = mode.Contains("lz4", StringComparison.Ordinal);
        bool auth = mode.Contains("auth", StringComparison.Ordinal);
        var options = new ModelServerOptions
        {
            Versions = mode switch
            {
                "negotiate-to-v4" => [3, 4],
                _ => [3, 4, 5],
            },
            BetaVersions = mode == "v3.11-beta-v5" ? [5] : [],
            ReleaseVersion = mode is "negotiate-to-v4" or "v3.11-beta-v5" ? "3.11.16" : "4.1.5",
            Credentials = auth ? ("cassandra", "s3cret") : null,
        };
        await using var server = new ModelServer(options);
        int? version = mode switch
        {
            "v3" => 3,
            "v4-lz4-auth" => 4,
            "negotiate-to-v5" or "negotiate-to-v4" or "v3.11-beta-v5" => null,
            _ => 5,
        };
        var args = new List<string> { server.Address.ToString(), server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (version is { } v)
        {
            args.AddRange(["--version", v.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (lz4)
        {
            args.Add("--lz4");
        }

        if (auth)
        {
            args.AddRange(["--user", "cassandra", "--password", "s3cret"]);
        }

        (int exit, string output, string error) = await RunPythonAsync(args);
        Assert.True(exit == 0, $"The Python driver failed against the model ({mode}): exit {exit}\n{output}\n{error}\nmodel closes: {string.Join("; ", server.CloseReasons)}");
        int expectedVersion = mode switch
        {
            "negotiate-to-v5" => 5,
            "negotiate-to-v4" or "v3.11-beta-v5" or "v4-lz4-auth" => 4,
            _ => version!.Value,
        };
        Assert.Contains($"\"protocol_version\": {expectedVersion}", output, StringComparison.Ordinal);
        Assert.Contains("\"rows\": 300", output, StringComparison.Ordinal);
        Assert.Equal(0, server.CrcMismatches);

        IReadOnlyList<ModelRequest> requests = server.Requests.Where(r => r.Version == expectedVersion).ToList();
        Assert.Contains(requests, r => r.Opcode == Opcodes.Execute);
        if (expectedVersion >= 5)
        {
            // v5 §2.3.1: everything after STARTUP is framed, compressed when STARTUP asked for lz4.
            Assert.All(requests.Where(r => r.Opcode is not (Opcodes.Startup or Opcodes.Options)), r => Assert.True(r.Framed && r.Compressed == lz4, $"{r.Opcode:X2} framed={r.Framed} compressed={r.Compressed}"));
        }

        if (auth)
        {
            Assert.Contains(requests, r => r.Opcode == Opcodes.AuthResponse && r.Framed == (expectedVersion >= 5) && r.Compressed == (lz4 && expectedVersion >= 5));
        }

        if (lz4)
        {
            Assert.All(requests.Where(r => r.Opcode == Opcodes.Startup), r => Assert.Equal("lz4", r.StartupOptions!["COMPRESSION"]));
        }

        if (version is null)
        {
            // The driver began above what the model speaks and was refused before it settled on v4.
            Assert.Contains(server.CloseReasons, r => r.Contains("refused protocol v", StringComparison.Ordinal) || r.Contains("USE_BETA", StringComparison.Ordinal));
        }
    }

    internal static async Task<(int Exit, string Output, string Error)> RunPythonAsync(IEnumerable<string> args)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "python", "model_check.py");
        // Debian's interpreter: the packages live in its dist-packages (a pyenv or venv python3 on PATH lacks them).
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The Python driver did not finish within 60 s: {await error}");
        }

        string stderr = await error;
        if (process.ExitCode != 0 && stderr.Contains("No module named 'cassandra'", StringComparison.Ordinal))
        {
            stderr += "\nInstall the Python driver: scripts/ensure-python-driver.sh (Debian's python3-cassandra and python3-lz4).";
        }

        return (process.ExitCode, await output, stderr);
    }
}
