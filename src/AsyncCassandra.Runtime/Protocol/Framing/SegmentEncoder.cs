using System.Buffers;

namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// Turns outgoing envelopes into v5 segments (v5 spec §1, §2.1, §2.2) for a connection's write loop. Envelopes that fit
/// are packed, whole and in order, into one self-contained segment of up to <see cref="SegmentCodec.MaxPayloadLength"/>
/// bytes; an envelope larger than that is split into its own sequence of non-self-contained segments. Call
/// <see cref="Add"/> for each envelope of a batch, then <see cref="Flush"/> before handing the bytes to the socket.
/// Not thread-safe: one instance per connection write loop. The packing buffer (rented from
/// <see cref="ArrayPool{T}.Shared"/>) is returned on <see cref="Flush"/> and <see cref="Dispose"/>.
/// </summary>
internal sealed class SegmentEncoder : IDisposable
{
    private readonly int _maxPayloadLength;
    private byte[]? _pending;
    private int _pendingLength;

    /// <summary>Creates an encoder for the uncompressed (§2.1) or LZ4 (§2.2) segment format.</summary>
    public SegmentEncoder(bool compressed)
        : this(compressed, SegmentCodec.MaxPayloadLength)
    {
    }

    /// <summary>Creates an encoder with a smaller segment payload limit (tests, or a sender that wants smaller segments).</summary>
    public SegmentEncoder(bool compressed, int maxPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayloadLength, SegmentCodec.MaxPayloadLength);
        IsCompressed = compressed;
        _maxPayloadLength = maxPayloadLength;
    }

    /// <summary>True when segments use the LZ4 format (§2.2).</summary>
    public bool IsCompressed { get; }

    /// <summary>Bytes of envelopes packed but not yet written (they are written by <see cref="Flush"/>).</summary>
    public int PendingLength => _pendingLength;

    /// <summary>
    /// Adds one whole envelope (9-byte header + body). A small envelope is copied into the pending self-contained
    /// payload (the pending segment is written first when the envelope would not fit in it). A large envelope flushes
    /// the pending segment, then is written straight to <paramref name="output"/> as non-self-contained segments.
    /// </summary>
    public void Add(ReadOnlySpan<byte> envelope, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (envelope.Length > _maxPayloadLength)
        {
            Flush(output);
            while (!envelope.IsEmpty)
            {
                int chunk = Math.Min(envelope.Length, _maxPayloadLength);
                SegmentCodec.WriteSegment(envelope.Slice(0, chunk), selfContained: false, IsCompressed, output);
                envelope = envelope.Slice(chunk);
            }

            return;
        }

        if (_pendingLength + envelope.Length > _maxPayloadLength)
        {
            Flush(output);
        }

        _pending ??= ArrayPool<byte>.Shared.Rent(_maxPayloadLength);
        envelope.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += envelope.Length;
    }

    /// <summary>Writes the pending envelopes, if any, as one self-contained segment and releases the packing buffer.</summary>
    public void Flush(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_pending is null)
        {
            return;
        }

        byte[] pending = _pending;
        int length = _pendingLength;
        _pending = null;
        _pendingLength = 0;
        try
        {
            if (length > 0)
            {
                SegmentCodec.WriteSegment(pending.AsSpan(0, length), selfContained: true, IsCompressed, output);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    /// <summary>Drops pending envelopes (they are not written) and returns the packing buffer to the pool.</summary>
    public void Dispose()
    {
        byte[]? pending = _pending;
        _pending = null;
        _pendingLength = 0;
        if (pending is not null)
        {
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    /// <summary>
    /// Convenience for one batch: packs <paramref name="envelopes"/> into as few segments as possible (see
    /// <see cref="Add"/>) and flushes. Allocates one encoder; a write loop should keep its own instance instead.
    /// </summary>
    public static void WriteEnvelopes(IReadOnlyList<ReadOnlyMemory<byte>> envelopes, bool compressed, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        using var encoder = new SegmentEncoder(compressed);
        for (int i = 0; i < envelopes.Count; i++)
        {
            encoder.Add(envelopes[i].Span, output);
        }

        encoder.Flush(output);
    }
}
