using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Schema;

/// <summary>A keyspace: declared with CREATE KEYSPACE, or implied by USE or a qualified name.</summary>
/// <param name="Name">The normalized name; empty for tables declared before any USE and without a keyspace.</param>
/// <param name="Tables">The tables, in declaration order.</param>
/// <param name="Types">The user-defined types, in declaration order.</param>
internal sealed record KeyspaceSchema(string Name, EquatableArray<TableSchema> Tables, EquatableArray<UserTypeSchema> Types)
{
    public TableSchema? FindTable(string name) => Tables.FirstOrDefault(t => t.Name == name);

    public UserTypeSchema? FindType(string name) => Types.FirstOrDefault(t => t.Name == name);
}
