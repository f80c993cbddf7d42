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

    internal override bool TryGetRoutingToken(Cluster.Routing.Partitioner partitioner, byte version, out string keyspace, out UInt128 token)
    {
        PreparedState state = PreparedStatement.State;
        IReadOnlyList<int> indexes = state.PartitionKeyIndexes;
        keyspace = string.Empty;
        token = default;
        if (indexes.Count == 0 || indexes[0] >= state.Variables.Count)
        {
            return false;
        }

        keyspace = state.Variables[indexes[0]].Keyspace;
        UInt128? computed;
        if (_encoded is not null)
        {
            computed = Cluster.Routing.RoutingKey.Token(partitioner, _encoded.WrittenSpan, _encodedCount, indexes);
        }
        else
        {
            // Only the key's values are encoded here; the request encodes all of them again when it is written.
            CqlWriter key = CqlWriter.Rent();
            try
            {
                ObjectValues values = (ObjectValues)ValueWriter;
                for (int i = 0; i < indexes.Count; i++)
                {
                    values.WriteValue(indexes[i], key, version);
                }

                computed = Cluster.Routing.RoutingKey.Token(partitioner, key.WrittenSpan, indexes.Count, Cluster.Routing.RoutingKey.Sequence(indexes.Count));
            }
            catch (Exception ex) when (ex is InvalidCastException or ArgumentException or OverflowException)
            {
                // The request reports the bad value when it is written; routing just does without it.
                computed = null;
            }
            finally
            {
                key.Dispose();
            }
        }

        token = computed.GetValueOrDefault();
        return computed.HasValue;
    }

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
