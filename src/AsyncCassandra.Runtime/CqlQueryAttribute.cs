namespace AsyncCassandra;

/// <summary>
/// Marks a method of a <c>partial interface</c> as a repository method: the source generator implements it by
/// preparing <see cref="Cql"/> once per session, binding the method's parameters to the statement's markers and
/// mapping the result to the return type. The CQL is checked at compile time (diagnostics <c>ACQL*</c>).
/// </summary>
/// <remarks>
/// Attributes cannot hold nullable values, so each option has a sentinel meaning "not set": the generator reads
/// only the options written in the attribute, and an option left out takes the session's default.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CqlQueryAttribute : Attribute
{
    /// <summary>The sentinel of <see cref="Consistency"/> and <see cref="SerialConsistency"/>: not set.</summary>
    public const ConsistencyLevel NotSet = (ConsistencyLevel)(-1);

    /// <summary>Declares the statement a repository method runs.</summary>
    /// <param name="cql">The CQL: one SELECT, INSERT, UPDATE, DELETE or BATCH, with <c>?</c> or <c>:name</c> markers.</param>
    public CqlQueryAttribute(string cql)
    {
        Cql = cql;
    }

    /// <summary>The CQL text.</summary>
    public string Cql { get; }

    /// <summary>The consistency level; <see cref="NotSet"/> (the default) uses <see cref="CassandraOptions.DefaultConsistency"/>.</summary>
    public ConsistencyLevel Consistency { get; set; } = NotSet;

    /// <summary>
    /// The consistency of the Paxos phase of a conditional (<c>IF ...</c>) statement: <see cref="ConsistencyLevel.Serial"/>
    /// or <see cref="ConsistencyLevel.LocalSerial"/>; <see cref="NotSet"/> (the default) uses the session's.
    /// </summary>
    public ConsistencyLevel SerialConsistency { get; set; } = NotSet;

    /// <summary>
    /// Whether the statement may be retried after a timeout. When not written, SELECTs are idempotent and writes are
    /// not; writing <c>Idempotent = false</c> makes a SELECT non-idempotent too.
    /// </summary>
    public bool Idempotent { get; set; }

    /// <summary>Rows per page for streaming, list and page results; 0 (the default) uses the session's page size.</summary>
    public int PageSize { get; set; }

    /// <summary>How long the statement may take, retries included, in milliseconds; 0 (the default) uses the session's request timeout.</summary>
    public int TimeoutMs { get; set; }

    /// <summary>Asks the server to trace each execution.</summary>
    public bool Tracing { get; set; }
}
