namespace AsyncCassandra.Generators.Emitting;

/// <summary>
/// The names of a generated method's locals, chosen so that none is a parameter's name (a parameter called
/// <c>values</c> or <c>rows</c> gets locals <c>values_</c> or <c>rows_</c>).
/// </summary>
internal sealed class LocalNames(IEnumerable<string> parameters)
{
    private readonly HashSet<string> _taken = new(parameters.Select(p => p.TrimStart('@')), StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public static readonly LocalNames None = new([]);

    /// <summary>The local for <paramref name="name"/>: the name itself unless a parameter has it.</summary>
    public string this[string name]
    {
        get
        {
            if (!_names.TryGetValue(name, out var local))
            {
                local = name;
                while (_taken.Contains(local))
                {
                    local += "_";
                }

                _taken.Add(local);
                _names[name] = local;
            }

            return local;
        }
    }
}
