namespace AsyncCassandra;

/// <summary>
/// A paging token given back by a client cannot be used: it is malformed, belongs to another statement, or was altered
/// (see <see cref="Reason"/>). It is the client's input that is wrong: a web API answers 400 Bad Request, and the
/// client starts again from the first page (no token).
/// </summary>
public sealed class PagingTokenException : CassandraException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="reason">Why the token was refused.</param>
    public PagingTokenException(string message, PagingTokenError reason)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the token was refused.</summary>
    public PagingTokenError Reason { get; }
}
