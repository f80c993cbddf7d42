namespace AsyncCassandra;

/// <summary>Settings every statement kind carries; unset ones take the session's defaults.</summary>
public abstract class Statement
{
    private protected Statement()
    {
    }

    /// <summary>Replicas that must answer; null uses <see cref="CassandraOptions.DefaultConsistency"/>.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; set; }

    /// <summary>Consistency of the Paxos phase of a conditional statement (Serial or LocalSerial).</summary>
    public ConsistencyLevel? SerialConsistencyLevel
    {
        get => _more?.SerialConsistencyLevel;
        set => Extra(value is not null)?.SerialConsistencyLevel = value;
    }

    /// <summary>Rows per page; null uses <see cref="CassandraOptions.DefaultPageSize"/>.</summary>
    public int? PageSize
    {
        get => _more?.PageSize;
        set => Extra(value is not null)?.PageSize = value;
    }

    /// <summary>Where to resume: the <see cref="RowSet.PagingState"/> of the previous page.</summary>
    public byte[]? PagingState
    {
        get => _more?.PagingState;
        set => Extra(value is not null)?.PagingState = value;
    }

    /// <summary>
    /// Whether running the statement twice has the same effect as once, so it may be retried after a timeout or a
    /// lost connection. Null infers: SELECTs are idempotent, writes are not.
    /// </summary>
    public bool? IsIdempotent { get; set; }

    /// <summary>How long this statement may take, retries included; null uses <see cref="CassandraOptions.RequestTimeout"/>.</summary>
    public TimeSpan? Timeout
    {
        get => _more?.Timeout;
        set => Extra(value is not null)?.Timeout = value;
    }

    /// <summary>Asks the server to trace the request; the trace id comes back in <see cref="RowSet.TracingId"/>.</summary>
    public bool EnableTracing { get; set; }

    /// <summary>
    /// The write timestamp in microseconds since the epoch; null lets the server assign one. Negative values are
    /// forbidden (spec v4 §4.1.4): setting one throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public long? Timestamp
    {
        get => _more?.Timestamp;
        set => Extra(value is not null)?.Timestamp = value is < 0
            ? throw new ArgumentOutOfRangeException(nameof(Timestamp), value, "A statement's default timestamp is microseconds since the epoch and must not be negative (spec v4 §4.1.4); use DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, or null to let the server assign one.")
            : value;
    }

    /// <summary>
    /// The time, in seconds since the epoch, the server takes as "now" for this request: it decides which TTL'd cells a
    /// read still sees and the local deletion time of tombstones and TTL'd cells a write creates. For tests of TTLs
    /// that should not wait. Null uses the server's clock. Needs native protocol v5 (Cassandra 4.0+, v5 spec §4.1.4
    /// flag 0x0100); on v3/v4 the request fails with <see cref="ProtocolVersionException"/>.
    /// </summary>
    public int? NowInSeconds
    {
        get => _more?.NowInSeconds;
        set => Extra(value is not null)?.NowInSeconds = value;
    }

    /// <summary>
    /// Sends the statement to a replica of this token in <see cref="RoutingKeyspace"/> (for example a token-range scan
    /// to a node holding the range: set its end token). Null lets the client find the partition from bound values.
    /// Needs <see cref="CassandraOptions.TokenAwareRouting"/>; otherwise, or when the keyspace is unknown, the plan is the usual one.
    /// </summary>
    public Metadata.Token? RoutingToken
    {
        get => _more?.RoutingToken;
        set => Extra(value is not null)?.RoutingToken = value;
    }

    /// <summary>The keyspace whose replicas <see cref="RoutingToken"/> refers to.</summary>
    public string? RoutingKeyspace
    {
        get => _more?.RoutingKeyspace;
        set => Extra(value is not null)?.RoutingKeyspace = value;
    }

    /// <summary>
    /// The settings most statements leave unset, in an object of their own made when one is first set: a statement bound
    /// per request (a point read) stays small. Setting one to null when none is set makes nothing.
    /// </summary>
    private Extras? _more;

    /// <summary>The extras to write a value to; null (nothing to write) when the value is null and none are set yet.</summary>
    private Extras? Extra(bool needed) => _more ?? (needed ? _more = new Extras() : null);

    private sealed class Extras
    {
        public ConsistencyLevel? SerialConsistencyLevel;
        public int? PageSize;
        public byte[]? PagingState;
        public TimeSpan? Timeout;
        public long? Timestamp;
        public int? NowInSeconds;
        public Metadata.Token? RoutingToken;
        public string? RoutingKeyspace;
    }

    /// <summary>Whether the statement may be retried, after inference.</summary>
    internal bool Idempotent => IsIdempotent ?? InferIdempotent();

    private protected abstract bool InferIdempotent();

    internal static bool StartsWithSelect(string cql)
    {
        ReadOnlySpan<char> text = cql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }
}
