namespace AsyncCassandra.Protocol.Messages;

/// <summary>The &lt;flags&gt; of query parameters (v5 §4.1.4; v3/v4 §4.1.4 use the low byte only).</summary>
[Flags]
internal enum QueryFlags
{
    None = 0,
    Values = 0x0001,
    SkipMetadata = 0x0002,
    PageSize = 0x0004,
    WithPagingState = 0x0008,
    WithSerialConsistency = 0x0010,
    WithDefaultTimestamp = 0x0020,
    WithNamesForValues = 0x0040,
    WithKeyspace = 0x0080,
    WithNowInSeconds = 0x0100,
}
