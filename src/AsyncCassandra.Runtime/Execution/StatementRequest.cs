using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Execution;

/// <summary>
/// A statement, with the defaults of one attempt, as the protocol request a connection encodes: QUERY for a
/// <see cref="SimpleStatement"/>, EXECUTE for a <see cref="BoundStatement"/>, BATCH for a <see cref="BatchStatement"/>.
/// Statements are data; this is where they meet the protocol's messages (a struct: nothing is allocated per request
/// but a batch's child list).
/// </summary>
internal readonly struct StatementRequest(Statement statement, RequestDefaults defaults, bool skipMetadata = false) : IRequest
{
    public Opcode Opcode => statement switch
    {
        BoundStatement => Opcode.Execute,
        BatchStatement => Opcode.Batch,
        _ => Opcode.Query,
    };

    public void WriteBody(CqlWriter writer, byte version)
    {
        if (version < 5)
        {
            RequireV5(version);
        }

        switch (statement)
        {
            case BoundStatement bound:
                {
                    PreparedState state = bound.PreparedStatement.State;
                    // Skip_metadata is the pipeline's decision (RequestExecutor): columns known, and not stale.
                    IValueWriter values = bound.ValueWriter;
                    new ExecuteRequest(state.Id, state.ResultMetadataId, Parameters(values.Count == 0 ? null : values, skipMetadata && state.ResultColumns is { Count: > 0 })).WriteBody(writer, version);
                    break;
                }

            case SimpleStatement simple:
                new QueryRequest(simple.Cql, Parameters(simple.ValueWriter, skipMetadata: false) with { Keyspace = simple.Keyspace }).WriteBody(writer, version);
                break;
            case BatchStatement batch:
                WriteBatch(batch, writer, version);
                break;
            default:
                throw new ArgumentException($"Unknown statement kind {statement.GetType().Name}.", nameof(statement));
        }
    }

    /// <summary>Per-request keyspace and now_in_seconds exist from v5 on: an older server would run the statement elsewhere, or now.</summary>
    private void RequireV5(byte version)
    {
        string? keyspace = statement switch
        {
            SimpleStatement simple => simple.Keyspace,
            BatchStatement batch => batch.Keyspace,
            _ => null,
        };
        string? what = keyspace is not null ? $"Keyspace (\"{keyspace}\")" : statement.NowInSeconds is not null ? "NowInSeconds" : null;
        if (what is not null)
        {
            throw new ProtocolVersionException(
                $"Statement.{what} needs native protocol v5 (Cassandra 4.0 and later); this connection speaks v{version}. " +
                (keyspace is not null ? "Qualify the tables (keyspace.table) or connect the session to the keyspace instead." : "Leave NowInSeconds unset on this cluster."),
                version);
        }
    }

    private QueryParameters Parameters(IValueWriter? values, bool skipMetadata) => new()
    {
        Consistency = statement.ConsistencyLevel ?? defaults.Consistency,
        SerialConsistency = statement.SerialConsistencyLevel ?? defaults.SerialConsistency,
        PageSize = defaults.PageSizeOverride ?? statement.PageSize ?? defaults.PageSize,
        PagingState = defaults.PagingStateOverride ?? statement.PagingState,
        DefaultTimestamp = statement.Timestamp,
        NowInSeconds = statement.NowInSeconds,
        Values = values,
        SkipMetadata = skipMetadata,
    };

    private void WriteBatch(BatchStatement batch, CqlWriter writer, byte version)
    {
        IReadOnlyList<Statement> statements = batch.Statements;
        if (statements.Count == 0)
        {
            throw new InvalidOperationException("The batch is empty; add statements before executing it.");
        }

        var children = new BatchChild[statements.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = statements[i] switch
            {
                BoundStatement bound => new BatchChild(null, bound.PreparedStatement.State.Id, bound.ValueWriter),
                SimpleStatement { Keyspace: { } own } when !string.Equals(own, batch.Keyspace, StringComparison.Ordinal) =>
                    throw new InvalidOperationException($"A statement in the batch has Keyspace \"{own}\"; a batch runs in one keyspace: set BatchStatement.Keyspace instead."),
                SimpleStatement simple => new BatchChild(simple.Cql, null, simple.ValueWriter),
                _ => throw new InvalidOperationException("Unreachable: BatchStatement.Add checks the kinds."),
            };
        }

        new BatchRequest((byte)batch.Type, children, batch.ConsistencyLevel ?? defaults.Consistency, batch.SerialConsistencyLevel ?? defaults.SerialConsistency, batch.Timestamp, batch.Keyspace, batch.NowInSeconds).WriteBody(writer, version);
    }
}
