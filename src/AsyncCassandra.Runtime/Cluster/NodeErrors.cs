namespace AsyncCassandra.Cluster;

/// <summary>
/// The errors of the nodes a piece of work was tried on, by "host:port" (the last one per node), and the
/// <see cref="NoHostAvailableException"/> that says each node's reason when none succeeded. One place for "try each
/// node of the plan, collect the errors, throw".
/// </summary>
internal sealed class NodeErrors
{
    private Dictionary<string, Exception>? _errors;

    public int Count => _errors?.Count ?? 0;

    public IReadOnlyDictionary<string, Exception> All => _errors ?? (IReadOnlyDictionary<string, Exception>)EmptyErrors;

    private static readonly Dictionary<string, Exception> EmptyErrors = [];

    public void Add(string endpoint, Exception error) => (_errors ??= [])[endpoint] = error;

    /// <summary>"host:port: reason; host:port: reason", each reason without its final period.</summary>
    public string Describe() => _errors is null ? string.Empty : Describe(_errors);

    public static string Describe(IReadOnlyDictionary<string, Exception> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message.TrimEnd('.')}"));

    /// <summary>No node could do <paramref name="work"/> (e.g. "run the request"); <paramref name="advice"/> ends the message.</summary>
    public NoHostAvailableException NoHostAvailable(string work, string? advice = null)
    {
        string reasons = Count == 0 ? $"No node is known to {work}." : $"No node could {work}: {Describe()}.";
        return new NoHostAvailableException(advice is null ? reasons : reasons + " " + advice, new Dictionary<string, Exception>(All));
    }
}
