namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// Who gives back the pooled receive buffer a Rows result is decoded from: the one buffer-ownership policy of the
/// client, chosen by whoever runs the request (never inferred from how a statement was bound).
/// </summary>
internal enum ResultBuffers
{
    /// <summary>
    /// The result may be kept for any time by anyone: a small result takes an exact copy of its bytes and the pooled
    /// buffer goes back at once; a large one keeps the pooled buffer (it leaves the pool and is collected with the result).
    /// </summary>
    Owned,

    /// <summary>
    /// The consumer reads the rows at once and then calls <c>RowSet.Recycle</c>, which returns the pooled buffer and
    /// offsets array (generated repositories do this): nothing is copied.
    /// </summary>
    Recycled,
}
