using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra;

/// <summary>
/// CQL text sent as is (QUERY), with optional positional values for its <c>?</c> markers. Values are encoded from
/// their .NET types; prepare statements that run often (<see cref="AsyncSession.PrepareAsync"/>) to save parsing
/// and to let the server check value types.
/// </summary>
public sealed class SimpleStatement : Statement
{
    /// <summary>Creates a statement.</summary>
    public SimpleStatement(string cql, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        Cql = cql;
        Values = values ?? [];
        _isSelect = StartsWithSelect(cql);
    }

    /// <summary>The CQL text.</summary>
    public string Cql { get; }

    /// <summary>The positional values.</summary>
    public IReadOnlyList<object?> Values { get; }

    private readonly bool _isSelect;

    private protected override bool InferIdempotent() => _isSelect;

    internal override Protocol.Opcode Opcode => Protocol.Opcode.Query;

    internal override void WriteBody(Protocol.CqlWriter writer, in RequestDefaults defaults, byte version) =>
        new QueryRequest(Cql, Parameters(defaults, Values.Count == 0 ? null : _values ??= new ObjectValues((object?[])Values, null), skipMetadata: false)).WriteBody(writer, version);

    private ObjectValues? _values;

    /// <inheritdoc />
    public override string ToString() => Cql;
}
