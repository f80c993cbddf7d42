using System.Buffers;
using System.Buffers.Binary;

namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// Rebuilds envelopes from decoded v5 segment payloads for a connection's read loop (v5 spec §1, §2.4).
/// A self-contained payload holds one or more whole envelopes, which are returned as slices of the fed memory (no
/// copy). Non-self-contained payloads are consecutive parts of one large envelope; they are accumulated in a buffer
/// rented from <see cref="ArrayPool{T}.Shared"/> until the envelope is complete.
/// <para>
/// Usage: <see cref="Feed"/> one payload, then call <see cref="TryReadEnvelope"/> until it returns false, then feed the
/// next payload. A returned envelope stays valid until the next <see cref="Feed"/> or <see cref="Dispose"/>; copy it
/// to keep it longer. Not thread-safe.
/// </para>
/// Envelope boundaries come from the 9-byte envelope header (§2.4: version, flags, stream [short], opcode, length
/// [int], big-endian); only the body length is checked here (0..256 MiB, §2.4.1.5).
/// </summary>
internal sealed class SegmentAssembler : IDisposable
{
    /// <summary>Length of a v5 envelope header (§2.4).</summary>
    public const int EnvelopeHeaderLength = 9;

    /// <summary>Largest envelope body accepted by default: 256 MiB (§2.4.1.5).</summary>
    public const int DefaultMaxBodyLength = 256 * 1024 * 1024;

    /// <summary>The first buffer of a large envelope (a v5 segment carries at most 128 KiB, so two fit).</summary>
    private const int InitialLargeBuffer = 256 * 1024;

    private readonly int _maxBodyLength;

    // Self-contained payload being drained.
    private ReadOnlyMemory<byte> _payload;
    private int _payloadOffset;

    // Large envelope being assembled from non-self-contained payloads.
    private readonly byte[] _headerStash = new byte[EnvelopeHeaderLength];
    private int _headerStashLength;
    private byte[]? _large;
    private int _largeLength;
    private int _largeTotal;
    private bool _largeComplete;
    private bool _largeDelivered;

    /// <summary>Creates an assembler accepting envelope bodies of up to 256 MiB.</summary>
    public SegmentAssembler()
        : this(DefaultMaxBodyLength)
    {
    }

    /// <summary>Creates an assembler accepting envelope bodies of up to <paramref name="maxBodyLength"/> bytes.</summary>
    public SegmentAssembler(int maxBodyLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBodyLength, int.MaxValue - EnvelopeHeaderLength);
        _maxBodyLength = maxBodyLength;
    }

    /// <summary>True while a large envelope has been started by non-self-contained segments but is not complete.</summary>
    public bool HasPartialEnvelope => _headerStashLength > 0 || (_large is not null && !_largeComplete);

    /// <summary>
    /// Feeds the decoded payload of one segment. Throws <see cref="InvalidOperationException"/> when envelopes of the
    /// previous payload have not all been read, and <see cref="ProtocolException"/> when the payload breaks the framing
    /// rules: a self-contained payload that does not end on an envelope boundary or that arrives while a large envelope
    /// is incomplete, a non-self-contained payload that runs past the end of its envelope, or a body length out of range.
    /// A self-contained payload is validated as a whole before any of its envelopes is returned.
    /// </summary>
    public void Feed(ReadOnlyMemory<byte> payload, bool isSelfContained)
    {
        if (_payloadOffset < _payload.Length || (_largeComplete && !_largeDelivered))
        {
            throw new InvalidOperationException("Read every envelope of the previous segment payload (TryReadEnvelope until false) before feeding the next one.");
        }

        _payload = default;
        _payloadOffset = 0;
        if (_largeComplete)
        {
            ReleaseLarge();
        }

        if (isSelfContained)
        {
            if (HasPartialEnvelope)
            {
                throw new ProtocolException(_large is null
                    ? $"Received a self-contained v5 segment while a large envelope was incomplete ({_headerStashLength} of its {EnvelopeHeaderLength} header bytes received); the connection is closed."
                    : $"Received a self-contained v5 segment while a large envelope was incomplete ({_largeLength} of {_largeTotal} bytes received); the connection is closed.");
            }

            ValidateSelfContained(payload.Span);
            _payload = payload;
            return;
        }

        Append(payload.Span);
    }

    /// <summary>
    /// Returns the next complete envelope (header + body), or false when the fed payload is exhausted (or a large
    /// envelope still needs more segments). The memory is valid until the next <see cref="Feed"/> or <see cref="Dispose"/>.
    /// </summary>
    public bool TryReadEnvelope(out ReadOnlyMemory<byte> envelope)
    {
        if (_payloadOffset < _payload.Length)
        {
            // Already validated by ValidateSelfContained.
            int length = EnvelopeHeaderLength + BinaryPrimitives.ReadInt32BigEndian(_payload.Span.Slice(_payloadOffset + 5, 4));
            envelope = _payload.Slice(_payloadOffset, length);
            _payloadOffset += length;
            return true;
        }

        if (_largeComplete && !_largeDelivered)
        {
            _largeDelivered = true;
            envelope = _large!.AsMemory(0, _largeTotal);
            return true;
        }

        envelope = default;
        return false;
    }

    /// <summary>Returns the large-envelope buffer, if any, to the pool and forgets any partial envelope.</summary>
    public void Dispose()
    {
        _payload = default;
        _payloadOffset = 0;
        _headerStashLength = 0;
        ReleaseLarge();
    }

    /// <summary>
    /// Length (header + body) of the envelope whose 9-byte header starts <paramref name="header"/>; throws
    /// <see cref="ProtocolException"/> when the body length is negative or above <paramref name="maxBodyLength"/>.
    /// </summary>
    public static int GetEnvelopeLength(ReadOnlySpan<byte> header, int maxBodyLength)
    {
        int bodyLength = BinaryPrimitives.ReadInt32BigEndian(header.Slice(5, 4));
        if (bodyLength < 0 || bodyLength > maxBodyLength)
        {
            throw new ProtocolException($"v5 envelope body length {bodyLength} is outside 0..{maxBodyLength} (spec §2.4.1.5); the connection is closed.");
        }

        return EnvelopeHeaderLength + bodyLength;
    }

    private void ValidateSelfContained(ReadOnlySpan<byte> payload)
    {
        int offset = 0;
        while (offset < payload.Length)
        {
            int remaining = payload.Length - offset;
            if (remaining < EnvelopeHeaderLength)
            {
                throw new ProtocolException($"Self-contained v5 segment ends inside an envelope header: {remaining} bytes left at offset {offset} of a {payload.Length}-byte payload, an envelope header is {EnvelopeHeaderLength}; the connection is closed.");
            }

            int length = GetEnvelopeLength(payload.Slice(offset), _maxBodyLength);
            if (length > remaining)
            {
                throw new ProtocolException($"Self-contained v5 segment ends inside an envelope: the envelope at offset {offset} needs {length} bytes but only {remaining} remain in the {payload.Length}-byte payload; the connection is closed.");
            }

            offset += length;
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_large is null)
        {
            int take = Math.Min(EnvelopeHeaderLength - _headerStashLength, data.Length);
            data.Slice(0, take).CopyTo(_headerStash.AsSpan(_headerStashLength));
            _headerStashLength += take;
            data = data.Slice(take);
            if (_headerStashLength < EnvelopeHeaderLength)
            {
                return;
            }

            int total = GetEnvelopeLength(_headerStash, _maxBodyLength);
            // Grown as segments arrive (see EnsureRoom): the header alone must not make the client allocate the envelope.
            _large = ArrayPool<byte>.Shared.Rent(Math.Min(total, Math.Max(InitialLargeBuffer, EnvelopeHeaderLength + (data.Length * 2))));
            _headerStash.CopyTo(_large, 0);
            _largeLength = EnvelopeHeaderLength;
            _largeTotal = total;
            _headerStashLength = 0;
        }

        int missing = _largeTotal - _largeLength;
        if (data.Length > missing)
        {
            throw new ProtocolException($"Non-self-contained v5 segment runs past the end of its envelope: {data.Length} bytes received when the {_largeTotal}-byte envelope needed only {missing} more (a large envelope must have its own segments, spec §1); the connection is closed.");
        }

        EnsureRoom(_largeLength + data.Length);
        data.CopyTo(_large.AsSpan(_largeLength));
        _largeLength += data.Length;
        if (_largeLength == _largeTotal)
        {
            _largeComplete = true;
            _largeDelivered = false;
        }
    }

    /// <summary>Doubles the large-envelope buffer (up to the envelope's size) until <paramref name="needed"/> bytes fit.</summary>
    private void EnsureRoom(int needed)
    {
        byte[] large = _large!;
        if (needed <= large.Length)
        {
            return;
        }

        long size = large.Length;
        while (size < needed)
        {
            size *= 2;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, _largeTotal));
        large.AsSpan(0, _largeLength).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(large);
        _large = bigger;
    }

    private void ReleaseLarge()
    {
        byte[]? large = _large;
        _large = null;
        _largeLength = 0;
        _largeTotal = 0;
        _largeComplete = false;
        _largeDelivered = false;
        if (large is not null)
        {
            ArrayPool<byte>.Shared.Return(large);
        }
    }
}
