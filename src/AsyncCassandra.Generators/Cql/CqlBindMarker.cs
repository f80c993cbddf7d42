namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// One bind marker (<c>?</c> or <c>:name</c>), in the order it appears in the statement, which is the order of
/// the values sent with it.
/// </summary>
/// <param name="Index">Zero-based position among the statement's markers.</param>
/// <param name="IsNamed">True for <c>:name</c>, false for <c>?</c>.</param>
/// <param name="Name">
/// For <c>:name</c>, the name normalized like an identifier. For <c>?</c>, the name of its receiver, as
/// Cassandra names it in the prepared metadata: the column (<c>WHERE id = ?</c> gives <c>id</c>; <c>id IN ?</c>
/// gives <c>id</c> too, with <see cref="IsInList"/>), <c>key(c)</c> and <c>value(c)</c> for element access,
/// <c>[limit]</c>, <c>[per_partition_limit]</c>, <c>[ttl]</c>, <c>[timestamp]</c>, <c>[json]</c>,
/// <c>partition key token</c>, <c>argN(function)</c>, <c>(a, b)</c> for a column tuple, and <c>[N]</c> when
/// the statement is only scanned.
/// </param>
/// <param name="Column">The column whose type the value relates to (see <see cref="Role"/>); null for LIMIT, TTL, TIMESTAMP, token, JSON and functions.</param>
/// <param name="Role">What the value is for.</param>
/// <param name="Clause">The clause the marker is in.</param>
/// <param name="Offset">Offset of the marker in the CQL text.</param>
/// <param name="Length">Length of the marker text (1 for <c>?</c>).</param>
internal sealed record CqlBindMarker(
    int Index,
    bool IsNamed,
    string Name,
    string? Column,
    CqlMarkerRole Role,
    CqlClause Clause,
    int Offset,
    int Length)
{
    /// <summary>True for <c>IN ?</c> (and <c>(a, b) IN ?</c>): the value is a list of what the column holds.</summary>
    public bool IsInList { get; init; }

    /// <summary>The keyspace of the table the marker's statement writes or reads, when written (for a BATCH: of its own statement).</summary>
    public string? Keyspace { get; init; }

    /// <summary>The table of the marker's statement (for a BATCH: of its own statement); null when there is none.</summary>
    public string? Table { get; init; }

    /// <summary>True for a marker in an IF condition.</summary>
    public bool IsConditional => Clause == CqlClause.If;
}
