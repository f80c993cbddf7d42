using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>
/// A statement the server has parsed once (PREPARE): bind values to it with <see cref="Bind"/> and execute the
/// result. The session caches prepared statements by text, and re-prepares transparently when a node forgets one.
/// </summary>
public sealed class PreparedStatement
{
    private volatile PreparedState _state;

    internal PreparedStatement(string cql, string? keyspace, PreparedState state)
    {
        Cql = cql;
        Keyspace = keyspace;
        _state = state;
        IsSelect = Statement.StartsWithSelect(cql);
    }

    /// <summary>The CQL text.</summary>
    public string Cql { get; }

    /// <summary>The keyspace it was prepared in.</summary>
    public string? Keyspace { get; }

    /// <summary>The server's id for it.</summary>
    public ReadOnlyMemory<byte> Id => _state.Id;

    /// <summary>Its bind markers: name and CQL type of each, in order.</summary>
    public ColumnDefinitions Variables => _state.Variables;

    /// <summary>The columns its results have; empty for statements that return no rows.</summary>
    public ColumnDefinitions ResultColumns => _state.ResultColumns ?? new ColumnDefinitions([]);

    /// <summary>
    /// For each partition key column in key order, the index of the marker that binds it: from the server on protocol
    /// v4+, from the table's schema on v3 (markers named after the key columns). Empty when the statement does not
    /// bind the whole key. Token-aware routing uses it.
    /// </summary>
    public IReadOnlyList<int> PartitionKeyIndexes => _state.PartitionKeyIndexes;

    /// <summary>Whether bound statements may be retried; null infers (SELECT: yes).</summary>
    public bool? IsIdempotent { get; set; }

    /// <summary>Default consistency for statements bound from it.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    internal PreparedState State => _state;

    /// <summary>Whether the text is a SELECT (idempotent unless said otherwise), decided once.</summary>
    internal bool IsSelect { get; }

    internal void Update(PreparedState state) => _state = state;

    /// <summary>The cached result columns proved stale: the next execution asks the server for them (see <see cref="PreparedState.SchemaGeneration"/>).</summary>
    internal void ForgetResultColumns() => _state = _state with { SchemaGeneration = -1 };

    /// <summary>
    /// Binds positional values, one per marker, encoded to the markers' CQL types (int for an int column, string for
    /// text, ...). A wrong count is an <see cref="ArgumentException"/>; a value that cannot be sent as its column's
    /// type is an <see cref="InvalidCastException"/> when the statement runs. Pass <see cref="Unset.Value"/> (v4+) to
    /// leave a column untouched.
    /// </summary>
    public BoundStatement Bind(params object?[] values)
    {
        values ??= [null];
        int expected = Variables.Count;
        if (values.Length != expected)
        {
            throw new ArgumentException($"The statement has {expected} bind marker(s) ({Variables}) but {values.Length} value(s) were given: {Cql}", nameof(values));
        }

        return new BoundStatement(this, values) { ConsistencyLevel = ConsistencyLevel };
    }

    /// <summary>A bound statement of values already encoded (see <see cref="Advanced.PreparedStatementExtensions.BindEncoded"/>).</summary>
    internal BoundStatement BindEncoded(int valueCount, Advanced.CqlWriter values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (valueCount != Variables.Count)
        {
            throw new ArgumentException($"The statement has {Variables.Count} bind marker(s) ({Variables}) but {valueCount} value(s) were given: {Cql}", nameof(valueCount));
        }

        return new BoundStatement(this, valueCount, values) { ConsistencyLevel = ConsistencyLevel };
    }

    /// <summary>The statement's operation for metrics and logs (its first keyword), found once per prepared statement.</summary>
    internal string OperationName => _operationName ??= CassandraDiagnostics.Operation(Cql);

    private string? _operationName;

    /// <inheritdoc />
    public override string ToString() => Cql;
}

/// <summary>What the server said about a prepared statement; replaced as a whole on re-prepare.</summary>
internal sealed record PreparedState(byte[] Id, byte[]? ResultMetadataId, ColumnDefinitions Variables, ColumnDefinitions? ResultColumns, IReadOnlyList<int> PartitionKeyIndexes)
{
    /// <summary>
    /// The cluster's schema generation (<see cref="Cluster.ClusterCore.SchemaGeneration"/>) when <see cref="ResultColumns"/>
    /// came from the server: once a schema change is heard of, the next execution asks for the columns again instead of
    /// skipping them (a column whose type changed keeps the count, so no count check can see it).
    /// </summary>
    public long SchemaGeneration { get; init; }
}
