namespace AsyncCassandra.Metadata;

/// <summary>A column of a table: its name, CQL type and role.</summary>
public sealed class ColumnMetadata
{
    /// <summary>Creates a column description.</summary>
    public ColumnMetadata(string name, CqlType type, ColumnKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Kind = kind;
    }

    /// <summary>The column's name as the schema stores it (case-sensitive; quote it in CQL when it is not all lower case).</summary>
    public string Name { get; }

    /// <summary>The column's CQL type.</summary>
    public CqlType Type { get; }

    /// <summary>Its role: partition key, clustering, regular or static.</summary>
    public ColumnKind Kind { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type}";
}
