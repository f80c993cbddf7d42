using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace AsyncCassandra;

/// <summary>
/// Applies a configuration section to <see cref="CassandraOptions"/> and <see cref="CassandraHostingOptions"/>
/// through <see cref="CassandraSettings"/>, which the configuration binder's source generator binds (no reflection:
/// trimming and AOT safe). A value that cannot be used does not throw here: it is kept as a problem naming its key,
/// and the options validators report every problem at once (at start-up with <c>ValidateOnStart</c>).
/// </summary>
internal static class CassandraConfigurationBinder
{
    private static readonly ConditionalWeakTable<object, List<string>> Problems = new();

    private static readonly SortedSet<string> KnownKeys = new(
        typeof(CassandraSettings).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    public static void Apply(IConfiguration section, CassandraOptions options)
    {
        var problems = new List<string>();
        CassandraSettings settings = Bind(section, problems);
        AddContactPoints(section, settings, options);
        Set(settings.Port, v => options.Port = v);
        Set(settings.Keyspace, v => options.Keyspace = v);
        Set(settings.LocalDatacenter, v => options.LocalDatacenter = v);
        string? username = Text(settings.Username) ?? Text(settings.Credentials?.Username);
        if (username is not null)
        {
            options.Credentials = new CassandraCredentials(username, settings.Password ?? settings.Credentials?.Password ?? string.Empty);
        }

        Set(settings.ProtocolVersion, v => options.ProtocolVersion = v);
        Set(settings.MinimumProtocolVersion, v => options.MinimumProtocolVersion = v);
        Time(section, problems, "RequestTimeout", settings.RequestTimeout, v => options.RequestTimeout = v);
        Time(section, problems, "ConnectTimeout", settings.ConnectTimeout, v => options.ConnectTimeout = v);
        Time(section, problems, "HeartbeatInterval", settings.HeartbeatInterval, v => options.HeartbeatInterval = v);
        Time(section, problems, "ReconnectBaseDelay", settings.ReconnectBaseDelay, v => options.ReconnectBaseDelay = v);
        Time(section, problems, "ReconnectMaxDelay", settings.ReconnectMaxDelay, v => options.ReconnectMaxDelay = v);
        Set(settings.ConnectionsPerHost, v => options.ConnectionsPerHost = v);
        Set(settings.MaxRequestsPerConnection, v => options.MaxRequestsPerConnection = v);
        Set(settings.MaxConcurrentRequests, v => options.MaxConcurrentRequests = v);
        Set(settings.MaxQueuedRequests, v => options.MaxQueuedRequests = v);
        Set(settings.DefaultPageSize, v => options.DefaultPageSize = v);
        Set(settings.TokenAwareRouting, v => options.TokenAwareRouting = v);
        Set(settings.DedicatedIoThreads, v => options.DedicatedIoThreads = v);
        Set(settings.Compression, v => options.Compression = v);
        Set(settings.StrictLocalDatacenter, v => options.StrictLocalDatacenter = v);
        Set(settings.MaxFrameLength, v => options.MaxFrameLength = v);
        Set(settings.MaxOrphanedRequestShare, v => options.MaxOrphanedRequestShare = v);
        Time(section, problems, "TopologyEventDelay", settings.TopologyEventDelay, v => options.TopologyEventDelay = v);
        Time(section, problems, "SchemaEventDelay", settings.SchemaEventDelay, v => options.SchemaEventDelay = v);
        Time(section, problems, "HostProbeInterval", settings.HostProbeInterval, v => options.HostProbeInterval = v);
        Time(section, problems, "StatisticsWindow", settings.StatisticsWindow, v => options.StatisticsWindow = v);
        foreach (string network in settings.AllowedNodeNetworks)
        {
            if (Text(network) is { } n)
            {
                options.AllowedNodeNetworks.Add(n);
            }
        }

        Set(settings.ConnectToContactPointsOnly, v => options.ConnectToContactPointsOnly = v);
        Set(settings.MaxNodes, v => options.MaxNodes = v);
        Set(settings.MaxPreparedStatements, v => options.MaxPreparedStatements = v);
        if (settings.Tls is { } tls)
        {
            Set(tls.Enabled, v => options.Tls.Enabled = v);
            Set(tls.CaCertificateFile, v => options.Tls.CaCertificateFile = v);
            Set(tls.ClientCertificateFile, v => options.Tls.ClientCertificateFile = v);
            Set(tls.ClientKeyFile, v => options.Tls.ClientKeyFile = v);
            Set(tls.ClientCertificatePassword, v => options.Tls.ClientCertificatePassword = v);
            Set(tls.TargetHost, v => options.Tls.TargetHost = v);
            Set(tls.CheckCertificateRevocation, v => options.Tls.CheckCertificateRevocation = v);
        }

        Consistency(section, problems, "DefaultConsistency", settings.DefaultConsistency, v => options.DefaultConsistency = v);
        Consistency(section, problems, "DefaultSerialConsistency", settings.DefaultSerialConsistency, v => options.DefaultSerialConsistency = v);
        TimeSpan? delay = null;
        Time(section, problems, "SpeculativeExecutionDelay", settings.SpeculativeExecutionDelay, v => delay = v);
        if (delay is { } d)
        {
            try
            {
                options.SpeculativeExecutionPolicy = new ConstantSpeculativeExecutionPolicy(d, settings.MaxSpeculativeExecutions ?? 1);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                problems.Add($"{Key(section, "SpeculativeExecutionDelay")} / {Key(section, "MaxSpeculativeExecutions")}: {ex.Message}");
            }
        }
        else if (settings.MaxSpeculativeExecutions is not null)
        {
            problems.Add($"{Key(section, "MaxSpeculativeExecutions")} is set but {Key(section, "SpeculativeExecutionDelay")} is not; set the delay to turn speculative execution on.");
        }

        RetryPolicy(section, problems, settings, options);
        Keep(options, problems);
    }

    /// <summary>RetryPolicy (Default or IdempotenceAware) and MaxRetries.</summary>
    private static void RetryPolicy(IConfiguration section, List<string> problems, CassandraSettings settings, CassandraOptions options)
    {
        if (settings.MaxRetries is < 0)
        {
            problems.Add($"{Key(section, "MaxRetries")} is {settings.MaxRetries}; it must be 0 or more (retries after the first attempt).");
            return;
        }

        string? name = Text(settings.RetryPolicy);
        if (name is null && settings.MaxRetries is null)
        {
            return;
        }

        if (name is null || name.Equals("Default", StringComparison.OrdinalIgnoreCase))
        {
            options.RetryPolicy = settings.MaxRetries is { } retries ? new DefaultRetryPolicy { MaxAttempts = retries + 1 } : new DefaultRetryPolicy();
        }
        else if (name.Equals("IdempotenceAware", StringComparison.OrdinalIgnoreCase))
        {
            options.RetryPolicy = new IdempotenceAwareRetryPolicy { MaxRetries = settings.MaxRetries ?? 3 };
        }
        else
        {
            problems.Add($"{Key(section, "RetryPolicy")} is '{name}'; expected Default or IdempotenceAware.");
        }
    }

    public static void Apply(IConfiguration section, CassandraHostingOptions options)
    {
        var problems = new List<string>();
        CassandraSettings settings = Bind(section, problems);
        Set(settings.ConnectOnStart, v => options.ConnectOnStart = v);
        Time(section, problems, "StartupTimeout", settings.StartupTimeout, v => options.StartupTimeout = v);
        Time(section, problems, "StartupRetryDelay", settings.StartupRetryDelay, v => options.StartupRetryDelay = v);
        Time(section, problems, "DrainTimeout", settings.DrainTimeout, v => options.DrainTimeout = v);
        Keep(options, problems);
    }

    /// <summary>The problems found while applying configuration to these options (empty when none or not from configuration).</summary>
    public static IReadOnlyList<string> ProblemsOf(object options) => Problems.TryGetValue(options, out List<string>? found) ? found : [];

    /// <summary>The key's full path, as the application's configuration names it (e.g. <c>Cassandra:Port</c>).</summary>
    public static string Key(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } s ? s.Path + ":" + key : key;

    private static CassandraSettings Bind(IConfiguration section, List<string> problems)
    {
        var settings = new CassandraSettings();
        try
        {
            // Strict first: a misspelt key ("Keyspce") would otherwise be ignored without a word.
            section.Bind(settings, binder => binder.ErrorOnUnknownConfiguration = true);
            return settings;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains(nameof(BinderOptions.ErrorOnUnknownConfiguration), StringComparison.Ordinal))
        {
            string[] unknown = [.. section.GetChildren().Select(c => c.Key).Where(k => !KnownKeys.Contains(k))];
            problems.Add(unknown.Length == 0
                ? ex.Message
                : $"{string.Join(", ", unknown.Select(k => Key(section, k)))}: unknown key{(unknown.Length == 1 ? string.Empty : "s")}; the keys are {string.Join(", ", KnownKeys)}.");
            settings = new CassandraSettings();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key ("Failed to convert configuration value 'lots' at 'Cassandra:Port' to type 'System.Int32'.").
            problems.Add(ex.Message);
            return settings;
        }

        try
        {
            section.Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }

        return settings;
    }

    private static void Keep(object options, List<string> problems)
    {
        if (problems.Count > 0)
        {
            Problems.AddOrUpdate(options, problems);
        }
    }

    private static void AddContactPoints(IConfiguration section, CassandraSettings settings, CassandraOptions options)
    {
        IEnumerable<string> points = settings.ContactPoints.Count > 0
            ? settings.ContactPoints
            : (section["ContactPoints"] ?? string.Empty).Split(',');
        foreach (string point in points)
        {
            if (!string.IsNullOrWhiteSpace(point))
            {
                options.ContactPoints.Add(point.Trim());
            }
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Set<T>(T? value, Action<T> set)
        where T : struct
    {
        if (value is { } v)
        {
            set(v);
        }
    }

    private static void Set(string? value, Action<string> set)
    {
        if (Text(value) is { } v)
        {
            set(v);
        }
    }

    private static void Time(IConfiguration section, List<string> problems, string key, string? text, Action<TimeSpan> set)
    {
        if (Text(text) is not { } value)
        {
            return;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms))
        {
            set(TimeSpan.FromMilliseconds(ms));
        }
        else if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            set(span);
        }
        else
        {
            problems.Add($"{Key(section, key)} is '{value}'; expected a TimeSpan such as 00:00:12, or a number of milliseconds.");
        }
    }

    private static void Consistency(IConfiguration section, List<string> problems, string key, string? text, Action<ConsistencyLevel> set)
    {
        if (Text(text) is not { } value)
        {
            return;
        }

        if (Enum.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out ConsistencyLevel level) && Enum.IsDefined(level))
        {
            set(level);
        }
        else
        {
            problems.Add($"{Key(section, key)} is '{value}'; expected a consistency level such as LocalQuorum (or LOCAL_QUORUM).");
        }
    }
}
