using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>The enum and user-defined type definitions met while mapping the types of one method.</summary>
internal sealed class MappingContext
{
    public const int MaxDepth = 6;

    private readonly Dictionary<string, TypeDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    public IEnumerable<TypeDefinition> Definitions => _definitions.Values.OrderBy(d => d.Key, StringComparer.Ordinal);

    public bool IsKnownOrInProgress(string key) => _definitions.ContainsKey(key) || _inProgress.Contains(key);

    public bool Begin(string key) => !_definitions.ContainsKey(key) && _inProgress.Add(key);

    public void Complete(TypeDefinition definition)
    {
        _inProgress.Remove(definition.Key);
        _definitions[definition.Key] = definition;
    }
}
