using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>One statement of a BATCH: either CQL text (kind 0) or a prepared id (kind 1), with its values.</summary>
internal readonly record struct BatchChild(string? Cql, byte[]? PreparedId, IValueWriter? Values);

/// <summary>
/// BATCH (spec §4.1.7): &lt;type&gt;&lt;n&gt;&lt;query_1&gt;...&lt;query_n&gt;&lt;consistency&gt;&lt;flags&gt;[&lt;serial_consistency&gt;][&lt;timestamp&gt;][&lt;keyspace&gt;][&lt;now_in_seconds&gt;].
/// Flags are a [byte] in v3/v4 and an [int] in v5.
/// </summary>
internal readonly struct BatchRequest(byte batchType, IReadOnlyList<BatchChild> children, ConsistencyLevel consistency, ConsistencyLevel? serialConsistency, long? defaultTimestamp, string? keyspace, int? nowInSeconds = null) : IRequest
{
    public Opcode Opcode => Opcode.Batch;

    public void WriteBody(CqlWriter writer, byte version)
    {
        writer.WriteByte(batchType);
        writer.WriteUShort(checked((ushort)children.Count));
        foreach (BatchChild child in children)
        {
            if (child.PreparedId is not null)
            {
                writer.WriteByte(1);
                writer.WriteShortBytes(child.PreparedId);
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteLongString(child.Cql!);
            }

            int count = child.Values?.Count ?? 0;
            writer.WriteUShort(checked((ushort)count));
            if (count > 0)
            {
                child.Values!.WriteValues(writer, version);
            }
        }

        writer.WriteConsistency(consistency);
        var flags = QueryFlags.None;
        if (serialConsistency is not null)
        {
            flags |= QueryFlags.WithSerialConsistency;
        }

        if (defaultTimestamp is not null)
        {
            flags |= QueryFlags.WithDefaultTimestamp;
        }

        if (keyspace is not null && version >= 5)
        {
            flags |= QueryFlags.WithKeyspace;
        }

        if (nowInSeconds is not null && version >= 5)
        {
            flags |= QueryFlags.WithNowInSeconds;
        }

        if (ProtocolVersions.HasIntQueryFlags(version))
        {
            writer.WriteInt((int)flags);
        }
        else
        {
            writer.WriteByte((byte)flags);
        }

        if (serialConsistency is { } serial)
        {
            writer.WriteConsistency(serial);
        }

        if (defaultTimestamp is { } timestamp)
        {
            // v4 §4.1.4: "negative values are forbidden".
            writer.WriteLong(timestamp >= 0 ? timestamp : throw new ArgumentOutOfRangeException(nameof(defaultTimestamp), timestamp, "The default timestamp must not be negative (spec v4 §4.1.4)."));
        }

        if ((flags & QueryFlags.WithKeyspace) != 0)
        {
            writer.WriteString(keyspace!);
        }

        if ((flags & QueryFlags.WithNowInSeconds) != 0)
        {
            writer.WriteInt(nowInSeconds!.Value);
        }
    }
}
