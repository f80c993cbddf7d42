namespace AsyncCassandra.Execution;

/// <summary>The session's defaults, and a pager's overrides, that fill what a statement leaves unset (a struct: nothing is allocated).</summary>
internal readonly record struct RequestDefaults(ConsistencyLevel Consistency, ConsistencyLevel? SerialConsistency, int PageSize, int? PageSizeOverride = null, byte[]? PagingStateOverride = null)
{
    public static RequestDefaults From(CassandraOptions options) => new(options.DefaultConsistency, options.DefaultSerialConsistency, options.DefaultPageSize);
}
