using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// Bound values already encoded by the caller, one [value] each, back to back (generated repositories encode with
/// codecs): written as they are.
/// </summary>
internal sealed class EncodedValues(int count, CqlWriter encoded) : IValueWriter
{
    public int Count => count;

    /// <summary>The [value]s, for computing a routing key from the partition key's values.</summary>
    public ReadOnlySpan<byte> Bytes => encoded.WrittenSpan;

    public void WriteValues(CqlWriter writer, byte version) => writer.WriteRaw(encoded.WrittenSpan);
}
