using System.Collections;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

/// <summary>Several writes sent as one BATCH request. Children are <see cref="SimpleStatement"/>s and <see cref="BoundStatement"/>s.</summary>
public sealed class BatchStatement : Statement, IEnumerable<Statement>
{
    private readonly List<Statement> _statements = [];

    /// <summary>Creates an empty batch.</summary>
    public BatchStatement(BatchType type = BatchType.Logged) => Type = type;

    /// <summary>The batch kind.</summary>
    public BatchType Type { get; }

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

    /// <summary>Routed as its first child whose partition is known (a batch usually writes one partition).</summary>
    internal override bool TryGetRoutingToken(Cluster.Routing.Partitioner partitioner, byte version, out string keyspace, out UInt128 token)
    {
        foreach (Statement statement in _statements)
        {
            if (statement.TryGetRoutingToken(partitioner, version, out keyspace, out token))
            {
                return true;
            }
        }

        keyspace = string.Empty;
        token = default;
        return false;
    }

    internal override Protocol.Opcode Opcode => Protocol.Opcode.Batch;

    internal override void WriteBody(Protocol.CqlWriter writer, in RequestDefaults defaults, byte version)
    {
        if (_statements.Count == 0)
        {
            throw new InvalidOperationException("The batch is empty; add statements before executing it.");
        }

        var children = new BatchChild[_statements.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = _statements[i] switch
            {
                BoundStatement bound => new BatchChild(null, bound.PreparedStatement.State.Id, bound.ValueWriter),
                SimpleStatement simple => new BatchChild(simple.Cql, null, simple.Values.Count == 0 ? null : new ObjectValues((object?[])simple.Values, null)),
                _ => throw new InvalidOperationException("Unreachable: Add checks the kinds."),
            };
        }

        new BatchRequest((byte)Type, children, ConsistencyLevel ?? defaults.Consistency, SerialConsistencyLevel ?? defaults.SerialConsistency, Timestamp, null).WriteBody(writer, version);
    }

    /// <inheritdoc />
    public IEnumerator<Statement> GetEnumerator() => _statements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
