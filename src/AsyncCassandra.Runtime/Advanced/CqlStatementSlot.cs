using System.ComponentModel;

namespace AsyncCassandra.Advanced;

/// <summary>
/// The per-method state of a generated repository (advanced: used by generated code): the statement, prepared on
/// first use and kept, and what was worked out once per result or marker metadata (column positions, checked types,
/// codecs of user-defined types), so that rows are read with no name lookups.
/// </summary>
/// <remarks>
/// A repository instance belongs to one session, so the statement is prepared once per session; concurrent first
/// calls share one PREPARE (<see cref="AsyncSession.PrepareAsync"/> de-duplicates them). Metadata-bound state is
/// recomputed only when the server's metadata object changes (a re-prepare), compared by reference.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class CqlStatementSlot
{
    private PreparedStatement? _prepared;
    private MetadataBound? _results;
    private MetadataBound? _parameters;

    /// <summary>Creates the slot of one statement.</summary>
    /// <param name="cql">The CQL text.</param>
    public CqlStatementSlot(string cql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        Cql = cql;
    }

    /// <summary>The CQL text.</summary>
    public string Cql { get; }

    /// <summary>The prepared statement: completed at once after the first call.</summary>
    /// <param name="session">The session of the repository.</param>
    /// <param name="cancellationToken">Stops waiting (the shared PREPARE itself goes on).</param>
    public ValueTask<PreparedStatement> PrepareAsync(AsyncSession session, CancellationToken cancellationToken)
    {
        PreparedStatement? prepared = Volatile.Read(ref _prepared);
        return prepared is not null ? new ValueTask<PreparedStatement>(prepared) : new ValueTask<PreparedStatement>(PrepareSlowAsync(session, cancellationToken));
    }

    private async Task<PreparedStatement> PrepareSlowAsync(AsyncSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        PreparedStatement prepared = await session.PrepareAsync(Cql, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _prepared, prepared);
        return prepared;
    }

    /// <summary>
    /// The reader state for a result's columns: made by <paramref name="create"/> the first time these columns are
    /// seen, then reused while the server keeps sending the same metadata object.
    /// </summary>
    /// <typeparam name="TBinding">The generated reader type.</typeparam>
    /// <param name="columns">The result's columns (<see cref="RowSet.Columns"/>).</param>
    /// <param name="create">Resolves column positions and checks their types; throws naming the column on a mismatch.</param>
    public TBinding BindResults<TBinding>(ColumnDefinitions columns, Func<ColumnDefinitions, TBinding> create)
        where TBinding : class => Bind(ref _results, columns, create);

    /// <summary>The writer state for a prepared statement's markers (<see cref="PreparedStatement.Variables"/>); see <see cref="BindResults{TBinding}"/>.</summary>
    /// <typeparam name="TBinding">The generated binder type.</typeparam>
    /// <param name="variables">The markers' metadata.</param>
    /// <param name="create">Builds the codecs that depend on the markers' types.</param>
    public TBinding BindParameters<TBinding>(ColumnDefinitions variables, Func<ColumnDefinitions, TBinding> create)
        where TBinding : class => Bind(ref _parameters, variables, create);

    private static TBinding Bind<TBinding>(ref MetadataBound? slot, ColumnDefinitions columns, Func<ColumnDefinitions, TBinding> create)
        where TBinding : class
    {
        MetadataBound? current = Volatile.Read(ref slot);
        if (current is not null && ReferenceEquals(current.Columns, columns) && current.Value is TBinding cached)
        {
            return cached;
        }

        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(create);
        TBinding created = create(columns);
        Volatile.Write(ref slot, new MetadataBound(columns, created));
        return created;
    }

    private sealed class MetadataBound(ColumnDefinitions columns, object value)
    {
        public ColumnDefinitions Columns { get; } = columns;

        public object Value { get; } = value;
    }
}
