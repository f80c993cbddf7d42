using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

/// <summary>A <see cref="AsyncCassandra.PreparedStatement"/> with values bound to its markers, ready to execute (EXECUTE).</summary>
public sealed class BoundStatement : Statement, IValueWriter
{
    private readonly object?[]? _values;
    private readonly IValueWriter? _writer;
    private readonly CqlWriter? _encoded;
    private readonly int _encodedCount;

    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        _values = values;
        _writer = new ObjectValues(values, prepared.Variables);
    }

    internal BoundStatement(PreparedStatement prepared, int count, CqlWriter encoded)
    {
        PreparedStatement = prepared;
        _encoded = encoded;
        _encodedCount = count;
    }

    /// <summary>The prepared statement it was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>The bound values (empty when bound by a generated repository).</summary>
    public IReadOnlyList<object?> Values => _values ?? [];

    private protected override bool InferIdempotent() => PreparedStatement.IsIdempotent ?? PreparedStatement.IsSelect;

    internal IValueWriter ValueWriter => _writer ?? this;

    /// <summary>Bound by <see cref="PreparedStatement.BindEncoded"/>: generated code, which recycles what it reads.</summary>
    internal override bool RecyclesResults => _encoded is not null;

    int IValueWriter.Count => _encodedCount;

    void IValueWriter.WriteValues(CqlWriter writer, byte version) => writer.WriteRaw(_encoded!.WrittenSpan);

    internal override ColumnDefinitions? KnownResultColumns => PreparedStatement.State.ResultColumns;

    internal override Protocol.Opcode Opcode => Protocol.Opcode.Execute;

    internal override void WriteBody(CqlWriter writer, in RequestDefaults defaults, byte version)
    {
        PreparedState state = PreparedStatement.State;
        // Skip_metadata when the columns are known from PREPARE: saves the server writing, and the client parsing, them per page.
        bool skip = state.ResultColumns is { Count: > 0 };
        new ExecuteRequest(state.Id, state.ResultMetadataId, Parameters(defaults, ValueWriter.Count == 0 ? null : ValueWriter, skip)).WriteBody(writer, version);
    }

    /// <inheritdoc />
    public override string ToString() => PreparedStatement.Cql;
}
