namespace AsyncCassandra.Generators;

/// <summary>The tracking names of the pipeline's steps, for incremental-cache tests.</summary>
public static class TrackingNames
{
    /// <summary>Each repository interface read with its [CqlQuery] methods, one pass over its members.</summary>
    public const string Interfaces = "RepositoryInterfaces";

    /// <summary>Each [CqlQuery] method declared outside an interface (ACQL0006).</summary>
    public const string MisplacedMethods = "MisplacedQueryMethods";

    /// <summary>Each schema.cql file parsed.</summary>
    public const string SchemaFiles = "SchemaFiles";

    /// <summary>The schema files merged.</summary>
    public const string Schema = "Schema";

    /// <summary>The generator's options (the targeted Cassandra version).</summary>
    public const string Options = "Options";

    /// <summary>Each interface's methods checked against their CQL and the schema.</summary>
    public const string Analysis = "AnalyzedInterfaces";

    /// <summary>The diagnostics of each interface and its methods.</summary>
    public const string Diagnostics = "Diagnostics";

    /// <summary>The repositories to emit, one source file each.</summary>
    public const string Repositories = "Repositories";

    /// <summary>The repositories registered by AddCassandraRepositories().</summary>
    public const string Registrations = "Registrations";

    /// <summary>The compilation's assembly name, which names the registration class's namespace.</summary>
    public const string AssemblyName = "AssemblyName";
}
