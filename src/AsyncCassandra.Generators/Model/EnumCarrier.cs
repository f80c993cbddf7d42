namespace AsyncCassandra.Generators.Model;

/// <summary>How an enum value travels as a CQL value.</summary>
internal enum EnumCarrier
{
    /// <summary>Decided when the statement is prepared, from the marker's or column's CQL type: text by name, a number otherwise (no schema.cql tells it at compile time).</summary>
    ServerType,

    /// <summary>As its number (the column is int, bigint, smallint or tinyint in schema.cql).</summary>
    Number,

    /// <summary>As its member name (the column is text or ascii in schema.cql).</summary>
    Text,
}
