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

    /// <summary>
    /// The keyspace the statement runs in when its CQL names tables without one: sent with the request (v5 spec
    /// §4.1.4/§4.1.7 flag 0x0080), it supersedes the session's keyspace, so no USE is needed. Needs native protocol
    /// v5 (Cassandra 4.0+); on v3/v4 the request fails with <see cref="ProtocolVersionException"/> (qualify the
    /// tables as keyspace.table instead). Null runs in the session's keyspace.
    /// </summary>
    public string? Keyspace { get; set; }

    private readonly bool _isSelect;

    private protected override bool InferIdempotent() => _isSelect;

    /// <summary>The values as the request writes them; null when there are none.</summary>
    internal IValueWriter? ValueWriter => Values.Count == 0 ? null : _values ??= new ObjectValues((object?[])Values, null);

    private ObjectValues? _values;

    /// <inheritdoc />
    public override string ToString() => Cql;
}
