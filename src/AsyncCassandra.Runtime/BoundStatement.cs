using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>A <see cref="AsyncCassandra.PreparedStatement"/> with values bound to its markers, ready to execute (EXECUTE).</summary>
public sealed class BoundStatement : Statement, IIndexedValueWriter
{
    // Bound as objects (object?[]): the statement writes them itself against the markers' types at bind time, with no
    // writer object per request. Bound encoded by a generated repository: an EncodedValues.
    private readonly object _values;
    private readonly ColumnDefinitions? _types;

    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        _values = values;
        _types = prepared.Variables;
    }

    internal BoundStatement(PreparedStatement prepared, int count, CqlWriter encoded)
    {
        PreparedStatement = prepared;
        _values = new EncodedValues(count, encoded);
    }

    /// <summary>The prepared statement it was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>The bound values (empty when bound by a generated repository).</summary>
    public IReadOnlyList<object?> Values => _values as object?[] ?? [];

    /// <summary>The values as the request writes them: this statement's objects, or <see cref="EncodedValues"/>.</summary>
    internal IValueWriter ValueWriter => _values as EncodedValues ?? (IValueWriter)this;

    int IValueWriter.Count => ((object?[])_values).Length;

    void IValueWriter.WriteValues(CqlWriter writer, byte version) => ObjectValues.WriteAll((object?[])_values, _types, writer, version);

    void IIndexedValueWriter.WriteValue(int i, CqlWriter writer, byte version) => ObjectValues.Write((object?[])_values, _types, i, writer, version);

    private protected override bool InferIdempotent() => PreparedStatement.IsIdempotent ?? PreparedStatement.IsSelect;

    /// <inheritdoc />
    public override string ToString() => PreparedStatement.Cql;
}
