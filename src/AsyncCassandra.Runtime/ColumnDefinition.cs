using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra;

/// <summary>One column of a result, or one bind marker of a prepared statement: where it comes from, its name and CQL type.</summary>
public sealed class ColumnDefinition
{
    private IObjectCodec? _natural;

    /// <summary>Creates a column definition.</summary>
    public ColumnDefinition(int index, string keyspace, string table, string name, CqlType type)
    {
        Index = index;
        Keyspace = keyspace;
        Table = table;
        Name = name;
        Type = type;
    }

    /// <summary>The position of the column in the result (or of the marker in the statement).</summary>
    public int Index { get; }

    /// <summary>The keyspace of the column's table.</summary>
    public string Keyspace { get; }

    /// <summary>The table the column belongs to.</summary>
    public string Table { get; }

    /// <summary>The column name, alias or selector text (e.g. <c>count</c>, <c>writetime(v)</c>); for a bind marker, its name or its column's name.</summary>
    public string Name { get; }

    /// <summary>The CQL type.</summary>
    public CqlType Type { get; }

    /// <summary>The codec of the natural .NET type for <see cref="Type"/>, resolved once.</summary>
    internal IObjectCodec NaturalCodec => _natural ??= CodecResolver.Natural(Type);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type}";
}
