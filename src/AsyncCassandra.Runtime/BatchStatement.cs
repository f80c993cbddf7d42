using System.Collections;

namespace AsyncCassandra;

/// <summary>Several writes sent as one BATCH request. Children are <see cref="SimpleStatement"/>s and <see cref="BoundStatement"/>s.</summary>
public sealed class BatchStatement : Statement, IEnumerable<Statement>
{
    private readonly List<Statement> _statements = [];

    /// <summary>Creates an empty batch.</summary>
    public BatchStatement(BatchType type = BatchType.Logged) => Type = type;

    /// <summary>The batch kind.</summary>
    public BatchType Type { get; }

    /// <summary>
    /// The keyspace the statement runs in when its CQL names tables without one: sent with the request (v5 spec
    /// §4.1.4/§4.1.7 flag 0x0080), it supersedes the session's keyspace, so no USE is needed. Needs native protocol
    /// v5 (Cassandra 4.0+); on v3/v4 the request fails with <see cref="ProtocolVersionException"/> (qualify the
    /// tables as keyspace.table instead). Null runs in the session's keyspace.
    /// </summary>
    public string? Keyspace { get; set; }

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>Adds a statement (collection initializers call this).</summary>
    public void Add(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement is not (SimpleStatement or BoundStatement))
        {
            throw new ArgumentException($"A batch holds SimpleStatement and BoundStatement children, not {statement.GetType().Name}.", nameof(statement));
        }

        if (_statements.Count == ushort.MaxValue)
        {
            throw new InvalidOperationException($"A batch holds at most {ushort.MaxValue} statements (spec §4.1.7).");
        }

        _statements.Add(statement);
    }

    private protected override bool InferIdempotent() => false;

    /// <inheritdoc />
    public IEnumerator<Statement> GetEnumerator() => _statements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
