using System.ComponentModel;

namespace AsyncCassandra.Advanced;

/// <summary>
/// Execution entry points for code that reads results with codecs and gives their buffers back (generated
/// repositories): results may hold pooled receive buffers, to be returned with <see cref="RowSetExtensions.Recycle"/>
/// once the rows are read (or simply collected).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class AsyncSessionExtensions
{
    /// <summary>
    /// <see cref="AsyncSession.ExecuteAsync(Statement, CancellationToken)"/> as a <see cref="ValueTask{TResult}"/> whose
    /// state machine is pooled (await it exactly once). The page is not copied out of its receive buffer: call
    /// <see cref="RowSetExtensions.Recycle"/> once its rows are read.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static ValueTask<RowSet> ExecuteValueAsync(this AsyncSession session, Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ExecuteRecycledAsync(statement, cancellationToken);
    }

    /// <summary>
    /// Streams a result as <see cref="RowSet"/> pages (see <see cref="AsyncSession.StreamAsync"/>); call
    /// <see cref="RowSetExtensions.Recycle"/> once a page's rows are read.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="options">Page size, prefetch and timeouts; null takes the session's page size.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    public static IAsyncEnumerable<RowSet> StreamRowSetsAsync(this AsyncSession session, Statement statement, StreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.StreamRecycledAsync(statement, options, cancellationToken);
    }
}
