using System.Collections;

namespace AsyncCassandra;

/// <summary>The columns of a result (or the bind markers of a prepared statement), with lookup by name.</summary>
public sealed class ColumnDefinitions : IReadOnlyList<ColumnDefinition>
{
    private readonly ColumnDefinition[] _columns;
    private Dictionary<string, int>? _byName;

    /// <summary>Creates the list.</summary>
    public ColumnDefinitions(ColumnDefinition[] columns) => _columns = columns;

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public ColumnDefinition this[int index] => _columns[index];

    /// <summary>
    /// The index of a column by name: an exact match first, then one ignoring case; -1 when absent. Quoted
    /// ("MixedCase") names are matched exactly.
    /// </summary>
    public int IndexOf(string name)
    {
        if (_byName is null)
        {
            var map = new Dictionary<string, int>(_columns.Length * 2, StringComparer.Ordinal);
            for (int i = 0; i < _columns.Length; i++)
            {
                map.TryAdd(_columns[i].Name, i);
            }

            for (int i = 0; i < _columns.Length; i++)
            {
                map.TryAdd(_columns[i].Name.ToLowerInvariant(), i);
            }

            _byName = map;
        }

        if (_byName.TryGetValue(name, out int index))
        {
            return index;
        }

        if (name.Length > 1 && name[0] == '"' && name[^1] == '"')
        {
            return _byName.TryGetValue(name[1..^1], out index) && _columns[index].Name == name[1..^1] ? index : -1;
        }

        return _byName.TryGetValue(name.ToLowerInvariant(), out index) ? index : -1;
    }

    /// <summary>Whether a column of this name exists.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <inheritdoc />
    public IEnumerator<ColumnDefinition> GetEnumerator() => ((IEnumerable<ColumnDefinition>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => c.Name));
}
