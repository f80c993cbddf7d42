using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>A <see cref="AsyncCassandra.PreparedStatement"/> with values bound to its markers, ready to execute (EXECUTE).</summary>
public sealed class BoundStatement : Statement
{
    private readonly object?[]? _values;

    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        _values = values;
        ValueWriter = new ObjectValues(values, prepared.Variables);
    }

    internal BoundStatement(PreparedStatement prepared, int count, CqlWriter encoded)
    {
        PreparedStatement = prepared;
        ValueWriter = new EncodedValues(count, encoded);
    }

    /// <summary>The prepared statement it was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>The bound values (empty when bound by a generated repository).</summary>
    public IReadOnlyList<object?> Values => _values ?? [];

    /// <summary>The values as the request writes them: <see cref="ObjectValues"/> or <see cref="EncodedValues"/>.</summary>
    internal IValueWriter ValueWriter { get; }

    private protected override bool InferIdempotent() => PreparedStatement.IsIdempotent ?? PreparedStatement.IsSelect;

    /// <inheritdoc />
    public override string ToString() => PreparedStatement.Cql;
}
