using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AsyncCassandra.Testing.Internal;

/// <summary>What the state directory remembers about a node's JVM (node.pid, key=value lines).</summary>
internal sealed record PidRecord(int Pid, int OwnerPid, bool KeepRunning, string Address, int Port, DateTimeOffset StartedUtc)
{
    internal void Write(string path)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"pid={Pid}\nowner={OwnerPid}\nkeepRunning={(KeepRunning ? "true" : "false")}\naddress={Address}\nport={Port}\nstarted={StartedUtc:O}\n");
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    internal static PidRecord? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var values = File.ReadAllLines(path)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
            return new PidRecord(
                int.Parse(values["pid"], CultureInfo.InvariantCulture),
                values.TryGetValue("owner", out var owner) ? int.Parse(owner, CultureInfo.InvariantCulture) : 0,
                values.TryGetValue("keepRunning", out var keep) && keep == "true",
                values.TryGetValue("address", out var address) ? address : string.Empty,
                values.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
                values.TryGetValue("started", out var started)
                    ? DateTimeOffset.Parse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                    : DateTimeOffset.MinValue);
        }
        catch (Exception ex) when (ex is IOException or FormatException or KeyNotFoundException or OverflowException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Starts, identifies and kills a node's JVM.</summary>
internal static class NodeProcess
{
    internal const string MainClass = "org.apache.cassandra.service.CassandraDaemon";

    /// <summary>
    /// Cassandra's ring delay (default 30 s): how long a node waits for gossip before some join steps. Test
    /// nodes join with auto_bootstrap: false, so a short delay is safe and lets nodes start back to back.
    /// </summary>
    internal const int RingDelayMilliseconds = 1000;

    /// <summary>
    /// Packages of java.base that Cassandra 2.1 (jamm, Netty 4.0, its unsafe tricks) reflects into. jamm measures
    /// every prepared statement deeply, reaching charsets, regex patterns and method handles: without those packages
    /// PREPARE fails with "module java.base does not opens java.nio.charset".
    /// </summary>
    private static readonly string[] s_openedPackages =
    [
        "java.lang", "java.lang.ref", "java.lang.reflect", "java.lang.invoke", "java.util", "java.util.concurrent",
        "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.regex", "java.util.zip", "java.io", "java.nio",
        "java.nio.charset", "java.nio.channels", "java.net", "sun.nio.ch", "sun.nio.cs", "jdk.internal.ref", "jdk.internal.misc",
        "jdk.internal.loader", "java.security", "java.math", "java.text", "java.time", "sun.nio.fs",
    ];

    internal static string PidFile(string nodeDir) => Path.Combine(nodeDir, "node.pid");

    internal static string LogFile(string nodeDir) => Path.Combine(nodeDir, "node.log");

    internal static string ConfDir(string nodeDir) => Path.Combine(nodeDir, "conf");

    internal static string DataDir(string nodeDir) => Path.Combine(nodeDir, "data");

    internal static string YamlFile(string nodeDir) => Path.Combine(ConfDir(nodeDir), NodeConfig.YamlFileName);

    /// <summary>The JVM arguments for one node (everything after the java executable).</summary>
    internal static List<string> JavaArguments(int javaMajor, string cassandraHome, string nodeDir, int heapMegabytes)
    {
        var lib = Path.Combine(cassandraHome, "lib");
        var args = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"-Xms{heapMegabytes}m"),
            string.Create(CultureInfo.InvariantCulture, $"-Xmx{heapMegabytes}m"),
            "-XX:+UseG1GC",
            "-Djava.net.preferIPv4Stack=true",
            "-Dcassandra.config=" + new Uri(YamlFile(nodeDir)).AbsoluteUri,
            "-Dcassandra-foreground=yes",
            "-Dcassandra.storagedir=" + DataDir(nodeDir),
            "-Dcassandra.logdir=" + nodeDir,
            "-Dlogback.configurationFile=" + Path.Combine(ConfDir(nodeDir), "logback.xml"),
            string.Create(CultureInfo.InvariantCulture, $"-Dcassandra.ring_delay_ms={RingDelayMilliseconds}"),
            // Gossip-settling waits >= 8 s before the native port opens; test nodes need not wait (the cluster
            // start waits until every node lists the others in system.peers instead).
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-javaagent:" + Path.Combine(lib, "jamm-0.2.6.jar"),
        };

        if (javaMajor >= 9)
        {
            foreach (var package in s_openedPackages)
            {
                args.Add("--add-opens");
                args.Add($"java.base/{package}=ALL-UNNAMED");
            }

            args.Add("--add-exports");
            args.Add("java.base/jdk.internal.ref=ALL-UNNAMED");
            args.Add("--add-exports");
            args.Add("java.base/sun.nio.ch=ALL-UNNAMED");
        }

        args.Add("-cp");
        args.Add(ConfDir(nodeDir) + Path.PathSeparator + Path.Combine(lib, "*"));
        args.Add(MainClass);
        return args;
    }

    /// <summary>
    /// Starts the JVM with stdout/stderr appended straight to node.log (through <c>sh -c 'exec ...'</c>, so the
    /// returned process IS the JVM and the log keeps working after this process exits). With
    /// <paramref name="detach"/> the JVM gets its own session (setsid) so that a Ctrl-C or job kill aimed at the
    /// starting program does not take a KeepRunning node with it.
    /// </summary>
    internal static Process Launch(string javaPath, IReadOnlyList<string> javaArguments, string cassandraHome, string nodeDir, bool detach)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(
                "AsyncCassandra.Testing starts Cassandra nodes on Linux and macOS only; set CASSANDRA_CONTACT_POINTS to use an existing cluster.");
        }

        var logFile = LogFile(nodeDir);
        var header = new StringBuilder()
            .Append("# ").Append(DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture)).Append(" started by AsyncCassandra.Testing (pid ")
            .Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(")\n# cd ").Append(cassandraHome).Append("\n# ")
            .Append(javaPath);
        foreach (var arg in javaArguments)
        {
            header.Append(' ').Append(arg.Contains(' ', StringComparison.Ordinal) || arg.Contains('*', StringComparison.Ordinal) ? $"\"{arg}\"" : arg);
        }

        File.AppendAllText(logFile, header.Append('\n').ToString());

        var setsid = detach ? Tools.FindOnPath("setsid") : null;
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = cassandraHome,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(setsid is null
            ? "exec \"$0\" \"$@\" </dev/null >>\"$ASYNCCASSANDRA_NODE_LOG\" 2>&1"
            : "exec \"$ASYNCCASSANDRA_SETSID\" \"$0\" \"$@\" </dev/null >>\"$ASYNCCASSANDRA_NODE_LOG\" 2>&1");
        psi.ArgumentList.Add(javaPath);
        foreach (var arg in javaArguments)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["ASYNCCASSANDRA_NODE_LOG"] = logFile;
        if (setsid is not null)
        {
            psi.Environment["ASYNCCASSANDRA_SETSID"] = setsid;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {javaPath}.");
    }

    /// <summary>True when the process exists and is not a zombie.</summary>
    internal static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                var afterName = stat.LastIndexOf(')');
                return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] is not ('Z' or 'X');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="pid"/> is a Cassandra JVM that runs with this node directory's yaml.</summary>
    internal static bool IsCassandraOf(int pid, string nodeDir)
    {
        if (!IsAlive(pid))
        {
            return false;
        }

        if (OperatingSystem.IsLinux())
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
                return commandLine.Contains(MainClass, StringComparison.Ordinal)
                       && commandLine.Contains(new Uri(YamlFile(nodeDir)).AbsoluteUri, StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName.Contains("java", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Kills the JVM (and anything it started) and waits until it is gone.</summary>
    internal static async Task KillAsync(int pid, Process? child, CancellationToken ct)
    {
        try
        {
            if (child is not null)
            {
                child.Kill(entireProcessTree: true);
            }
            else
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already exited
        }

        var sw = Stopwatch.StartNew();
        if (child is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Cassandra process {pid} did not exit within 30 s of being killed.");
            }

            return;
        }

        while (IsAlive(pid))
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Cassandra process {pid} did not exit within 30 s of being killed.");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The last <paramref name="count"/> lines of a (possibly still growing) log file.</summary>
    internal static string Tail(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int maxBytes = 256 * 1024;
            if (stream.Length > maxBytes)
            {
                stream.Seek(-maxBytes, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n');
            var tail = lines.Reverse().SkipWhile(string.IsNullOrWhiteSpace).Take(count).Reverse()
                .Select(line => line.Length > 1000 ? string.Concat(line.AsSpan(0, 1000), " ...") : line);
            return string.Join(Environment.NewLine, tail);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(no log: {ex.Message})";
        }
    }
}
