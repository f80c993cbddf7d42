namespace AsyncCassandra.Generators.Cql;

/// <summary>One selected item of a SELECT: a column, <c>*</c>, or an expression.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="ResultName">
/// The name of the result column: the alias when there is one; otherwise the column's name; <c>count</c> for
/// <c>count(*)</c> and <c>count(1)</c> (as Cassandra names it); <c>writetime(c)</c>, <c>ttl(c)</c>,
/// <c>cast(c as int)</c>, <c>fn(a, b)</c> for other expressions (Cassandra 2.2 and later may prefix native
/// functions with <c>system.</c>, so map expressions by alias or by position); <c>*</c> for a star.
/// </param>
/// <param name="Column">The column read: the column itself, the UDT column of a field, the argument of writetime/ttl/cast; otherwise null.</param>
/// <param name="Offset">Offset of the selector (alias included) in the CQL text.</param>
/// <param name="Length">Length of the selector text.</param>
internal sealed record CqlSelector(CqlSelectorKind Kind, string ResultName, string? Column, int Offset, int Length)
{
    /// <summary>The alias given with AS, normalized; null without one.</summary>
    public string? Alias { get; init; }

    /// <summary>The function called, lowercased and with its keyspace when written (<c>count</c>, <c>writetime</c>, <c>ks.fn</c>); null for columns.</summary>
    public string? Function { get; init; }

    /// <summary>The target type of a cast, e.g. <c>text</c> for <c>cast(x AS text)</c>.</summary>
    public CqlTypeRef? CastType { get; init; }

    /// <summary>True for anything other than a plain column or <c>*</c>.</summary>
    public bool IsExpression => Kind is not (CqlSelectorKind.Column or CqlSelectorKind.Star);
}
