namespace AsyncCassandra.Generators.Cql;

/// <summary>What a CQL statement does.</summary>
internal enum CqlStatementKind
{
    /// <summary>SELECT: returns rows.</summary>
    Select,

    /// <summary>INSERT INTO ...</summary>
    Insert,

    /// <summary>UPDATE ... SET ...</summary>
    Update,

    /// <summary>DELETE ... FROM ...</summary>
    Delete,

    /// <summary>BEGIN ... BATCH ... APPLY BATCH; read only for its bind markers.</summary>
    Batch,

    /// <summary>USE keyspace.</summary>
    Use,

    /// <summary>Any other statement (CREATE, ALTER, DROP, TRUNCATE, GRANT...); read only for its bind markers.</summary>
    Other,
}
