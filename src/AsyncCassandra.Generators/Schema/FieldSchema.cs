using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Schema;

/// <summary>A field of a user-defined type.</summary>
/// <param name="Name">The normalized name.</param>
/// <param name="Type">The declared type.</param>
internal sealed record FieldSchema(string Name, CqlTypeRef Type);
