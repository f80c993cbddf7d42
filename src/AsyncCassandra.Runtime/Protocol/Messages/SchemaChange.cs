namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// A schema change (spec §4.2.6 SCHEMA_CHANGE, also the Schema_change result §4.2.5.5): [string] change type
/// (CREATED, UPDATED, DROPPED), [string] target (KEYSPACE, TABLE, TYPE, FUNCTION, AGGREGATE), then the target's names.
/// </summary>
internal sealed record SchemaChange(string ChangeType, string Target, string Keyspace, string? Name, IReadOnlyList<string>? ArgumentTypes)
{
    public static SchemaChange Read(ref CqlReader reader)
    {
        string change = reader.ReadString();
        string target = reader.ReadString();
        string keyspace = reader.ReadString();
        switch (target)
        {
            case "KEYSPACE":
                return new SchemaChange(change, target, keyspace, null, null);
            case "FUNCTION" or "AGGREGATE":
                {
                    string name = reader.ReadString();
                    return new SchemaChange(change, target, keyspace, name, reader.ReadStringList());
                }

            default:
                return new SchemaChange(change, target, keyspace, reader.ReadString(), null);
        }
    }
}
