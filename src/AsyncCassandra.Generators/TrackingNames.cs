namespace AsyncCassandra.Generators;

/// <summary>The tracking names of the pipeline's steps, for incremental-cache tests.</summary>
public static class TrackingNames
{
    /// <summary>Each [CqlQuery] method read from its symbols.</summary>
    public const string Methods = "CqlQueryMethods";

    /// <summary>Each schema.cql file parsed.</summary>
    public const string SchemaFiles = "SchemaFiles";

    /// <summary>The schema files merged.</summary>
    public const string Schema = "Schema";

    /// <summary>Each method checked against its CQL and the schema.</summary>
    public const string Analysis = "AnalyzedMethods";

    /// <summary>The diagnostics of each method.</summary>
    public const string Diagnostics = "Diagnostics";

    /// <summary>The methods grouped into repositories, one source file each.</summary>
    public const string Repositories = "Repositories";

    /// <summary>The repositories registered by AddCassandraRepositories().</summary>
    public const string Registrations = "Registrations";
}
