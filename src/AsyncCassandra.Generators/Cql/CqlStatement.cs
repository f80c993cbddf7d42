using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>
/// What the generator knows about one CQL statement at compile time. Immutable and compared by value, so
/// an incremental pipeline step that produces it is cached while the CQL text is unchanged. Produced by
/// <see cref="CqlParser.Parse"/>; when <see cref="Errors"/> is not empty the other members hold what was
/// read before the first error.
/// </summary>
internal sealed record CqlStatement(CqlStatementKind Kind)
{
    /// <summary>The keyspace written before the table (<c>ks.users</c>), normalized; null when not written.</summary>
    public string? Keyspace { get; init; }

    /// <summary>The table, normalized (unquoted names lowercased); null for statements without one.</summary>
    public string? Table { get; init; }

    /// <summary>SELECT DISTINCT.</summary>
    public bool IsDistinct { get; init; }

    /// <summary>SELECT JSON or INSERT ... JSON (a SELECT JSON returns one text column, <c>[json]</c>).</summary>
    public bool IsJson { get; init; }

    /// <summary>The selected items of a SELECT, in order; empty for other statements.</summary>
    public EquatableArray<CqlSelector> Selectors { get; init; }

    /// <summary>The columns written: INSERT's column list, UPDATE's assigned columns, DELETE's deleted columns (in order, no repeats).</summary>
    public EquatableArray<string> Columns { get; init; }

    /// <summary>The assignments of an UPDATE.</summary>
    public EquatableArray<CqlAssignment> Assignments { get; init; }

    /// <summary>The WHERE relations, in order.</summary>
    public EquatableArray<CqlRelation> Where { get; init; }

    /// <summary>The GROUP BY columns.</summary>
    public EquatableArray<string> GroupBy { get; init; }

    /// <summary>The ORDER BY columns.</summary>
    public EquatableArray<CqlOrdering> OrderBy { get; init; }

    /// <summary>IF NOT EXISTS, IF EXISTS, IF conditions, or none.</summary>
    public CqlConditionKind Condition { get; init; }

    /// <summary>The IF conditions when <see cref="Condition"/> is <see cref="CqlConditionKind.IfConditions"/>.</summary>
    public EquatableArray<CqlRelation> Conditions { get; init; }

    /// <summary>True when an assignment is certainly a counter update: <c>c = c + 1</c> or <c>c = c - 1</c> with an integer literal.
    /// <c>c = c + ?</c> may be a counter or a collection; <see cref="Assignments"/> and the schema tell them apart.</summary>
    public bool IsCounterUpdate { get; init; }

    /// <summary>True when the statement has a LIMIT (literal or marker).</summary>
    public bool HasLimit { get; init; }

    /// <summary>The LIMIT when written as a number.</summary>
    public int? Limit { get; init; }

    /// <summary>True when the statement has PER PARTITION LIMIT.</summary>
    public bool HasPerPartitionLimit { get; init; }

    /// <summary>ALLOW FILTERING.</summary>
    public bool AllowFiltering { get; init; }

    /// <summary>USING TTL.</summary>
    public bool HasTtl { get; init; }

    /// <summary>USING TIMESTAMP.</summary>
    public bool HasTimestamp { get; init; }

    /// <summary>Where USING TIMESTAMP's TIMESTAMP is written.</summary>
    public int TimestampOffset { get; init; }

    /// <summary>Where USING TTL's TTL is written.</summary>
    public int TtlOffset { get; init; }

    /// <summary>Every bind marker, in text order (the order values are bound).</summary>
    public EquatableArray<CqlBindMarker> Markers { get; init; }

    /// <summary>The statements of a BATCH, in order (their markers are in <see cref="Markers"/>); empty otherwise.</summary>
    public EquatableArray<CqlStatement> Statements { get; init; }

    /// <summary>BEGIN COUNTER BATCH.</summary>
    public bool IsCounterBatch { get; init; }

    /// <summary>
    /// What Cassandra refuses in a statement its grammar reads, told without a schema (a custom timestamp on a
    /// conditional write, null in a collection literal or a WHERE restriction, IS NOT NULL outside a view...): each
    /// becomes ACQL0111 where it is written.
    /// </summary>
    public EquatableArray<CqlSyntaxError> Refusals { get; init; }

    /// <summary>The constructs newer than Cassandra 2.1 that the statement uses, in text order.</summary>
    public EquatableArray<CqlConstruct> Constructs { get; init; }

    /// <summary>The oldest Cassandra release whose CQL reads the statement: the newest of <see cref="Constructs"/>, else 2.1.</summary>
    public CqlVersion MinimumVersion => Constructs.Count == 0 ? CqlVersion.Baseline : Constructs.Max(c => c.Version);

    /// <summary>The tokens the statement was read from (lexed once; later steps locate names with them).</summary>
    public EquatableArray<CqlToken> Tokens { get; init; }

    /// <summary>Syntax errors: the lexer's (unclosed quotes or comments, stray characters) when there are any, otherwise the parser's first.</summary>
    public EquatableArray<CqlSyntaxError> Errors { get; init; }

    public bool HasErrors => Errors.Count > 0;

    public bool IsSelect => Kind == CqlStatementKind.Select;

    /// <summary>INSERT, UPDATE, DELETE or BATCH: statements that return no rows (unless conditional).</summary>
    public bool IsWrite => Kind is CqlStatementKind.Insert or CqlStatementKind.Update or CqlStatementKind.Delete or CqlStatementKind.Batch;

    /// <summary>True for a lightweight transaction (any IF): the result is one row whose <c>[applied]</c> column says whether it applied.</summary>
    public bool IsConditional => Condition != CqlConditionKind.None;

    /// <summary>True for <c>SELECT *</c>.</summary>
    public bool IsSelectStar => Selectors.Count == 1 && Selectors[0].Kind == CqlSelectorKind.Star;

    /// <summary>Which kinds of marker appear.</summary>
    public CqlMarkerStyle MarkerStyle
    {
        get
        {
            var named = false;
            var positional = false;
            foreach (var marker in Markers)
            {
                named |= marker.IsNamed;
                positional |= !marker.IsNamed;
            }

            return (named, positional) switch
            {
                (true, true) => CqlMarkerStyle.Mixed,
                (true, false) => CqlMarkerStyle.Named,
                (false, true) => CqlMarkerStyle.Positional,
                _ => CqlMarkerStyle.None,
            };
        }
    }
}
