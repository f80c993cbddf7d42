namespace AsyncCassandra;

/// <summary>Names the table that rows of a type are stored in (written as CQL: unquoted names are case-insensitive).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class CqlTableAttribute : Attribute
{
    /// <summary>Names the table.</summary>
    /// <param name="name">The table, optionally keyspace-qualified (<c>app.users</c>).</param>
    public CqlTableAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }
}
