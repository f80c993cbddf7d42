using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra;

/// <summary>A <see cref="AsyncCassandra.PreparedStatement"/> with values bound to its markers, ready to execute (EXECUTE).</summary>
public sealed class BoundStatement : Statement, IIndexedValueWriter
{
    private readonly object?[]? _values;

    // Bound as objects: the markers' types at bind time, and the statement writes its values itself (no writer object
    // per request). Bound encoded (generated repositories): the encoded values.
    private readonly ColumnDefinitions? _types;
    private readonly EncodedValues? _encoded;

    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        _values = values;
        _types = prepared.Variables;
    }

    internal BoundStatement(PreparedStatement prepared, int count, CqlWriter encoded)
    {
        PreparedStatement = prepared;
        _encoded = new EncodedValues(count, encoded);
    }

    /// <summary>The prepared statement it was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>The bound values (empty when bound by a generated repository).</summary>
    public IReadOnlyList<object?> Values => _values ?? [];

    /// <summary>The values as the request writes them: this statement's objects, or <see cref="EncodedValues"/>.</summary>
    internal IValueWriter ValueWriter => _encoded ?? (IValueWriter)this;

    int IValueWriter.Count => _values!.Length;

    void IValueWriter.WriteValues(CqlWriter writer, byte version) => ObjectValues.WriteAll(_values!, _types, writer, version);

    void IIndexedValueWriter.WriteValue(int i, CqlWriter writer, byte version) => ObjectValues.Write(_values!, _types, i, writer, version);

    private protected override bool InferIdempotent() => PreparedStatement.IsIdempotent ?? PreparedStatement.IsSelect;

    /// <inheritdoc />
    public override string ToString() => PreparedStatement.Cql;
}
