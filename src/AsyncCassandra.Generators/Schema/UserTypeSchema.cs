using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Schema;

/// <summary>A user-defined type (CREATE TYPE).</summary>
/// <param name="Keyspace">The keyspace it belongs to (empty when declared with none).</param>
/// <param name="Name">The normalized name.</param>
/// <param name="Fields">The fields, in declaration order.</param>
internal sealed record UserTypeSchema(string Keyspace, string Name, EquatableArray<FieldSchema> Fields)
{
    public FieldSchema? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
