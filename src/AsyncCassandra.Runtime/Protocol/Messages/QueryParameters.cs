using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// &lt;query_parameters&gt; shared by QUERY and EXECUTE (spec §4.1.4):
/// &lt;consistency&gt;&lt;flags&gt;[&lt;n&gt;&lt;value_1&gt;...][&lt;result_page_size&gt;][&lt;paging_state&gt;][&lt;serial_consistency&gt;][&lt;timestamp&gt;][&lt;keyspace&gt;][&lt;now_in_seconds&gt;].
/// </summary>
internal struct QueryParameters
{
    public ConsistencyLevel Consistency;
    public ConsistencyLevel? SerialConsistency;
    public int PageSize;
    public byte[]? PagingState;
    public long? DefaultTimestamp;
    public string? Keyspace;
    public int? NowInSeconds;
    public bool SkipMetadata;
    public IValueWriter? Values;

    public readonly void Write(CqlWriter writer, byte version)
    {
        var flags = QueryFlags.None;
        int valueCount = Values?.Count ?? 0;
        if (valueCount > 0)
        {
            flags |= QueryFlags.Values;
        }

        if (SkipMetadata)
        {
            flags |= QueryFlags.SkipMetadata;
        }

        if (PageSize > 0)
        {
            flags |= QueryFlags.PageSize;
        }

        if (PagingState is not null)
        {
            flags |= QueryFlags.WithPagingState;
        }

        if (SerialConsistency is not null)
        {
            flags |= QueryFlags.WithSerialConsistency;
        }

        if (DefaultTimestamp is not null)
        {
            flags |= QueryFlags.WithDefaultTimestamp;
        }

        if (Keyspace is not null && version >= 5)
        {
            flags |= QueryFlags.WithKeyspace;
        }

        if (NowInSeconds is not null && version >= 5)
        {
            flags |= QueryFlags.WithNowInSeconds;
        }

        writer.WriteConsistency(Consistency);
        if (ProtocolVersions.HasIntQueryFlags(version))
        {
            writer.WriteInt((int)flags);
        }
        else
        {
            writer.WriteByte((byte)flags);
        }

        if (valueCount > 0)
        {
            writer.WriteUShort(checked((ushort)valueCount));
            Values!.WriteValues(writer, version);
        }

        if (PageSize > 0)
        {
            writer.WriteInt(PageSize);
        }

        if (PagingState is not null)
        {
            writer.WriteBytes(PagingState);
        }

        if (SerialConsistency is { } serial)
        {
            writer.WriteConsistency(serial);
        }

        if (DefaultTimestamp is { } timestamp)
        {
            // v4 §4.1.4: "negative values are forbidden".
            writer.WriteLong(timestamp >= 0 ? timestamp : throw new ArgumentOutOfRangeException(nameof(DefaultTimestamp), timestamp, "The default timestamp must not be negative (spec v4 §4.1.4)."));
        }

        if ((flags & QueryFlags.WithKeyspace) != 0)
        {
            writer.WriteString(Keyspace!);
        }

        if ((flags & QueryFlags.WithNowInSeconds) != 0)
        {
            writer.WriteInt(NowInSeconds!.Value);
        }
    }
}
