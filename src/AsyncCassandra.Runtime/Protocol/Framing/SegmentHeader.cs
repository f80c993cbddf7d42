namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// A decoded, CRC24-verified v5 segment header (v5 spec §2.1 uncompressed, §2.2 LZ4). Produced by
/// <see cref="SegmentCodec.TryReadHeader"/>.
/// </summary>
internal readonly struct SegmentHeader
{
    /// <summary>Creates a header. <paramref name="headerLength"/> is 6 (uncompressed format) or 8 (LZ4 format).</summary>
    public SegmentHeader(int payloadLength, int uncompressedLength, bool isSelfContained, int headerLength)
    {
        PayloadLength = payloadLength;
        UncompressedLength = uncompressedLength;
        IsSelfContained = isSelfContained;
        HeaderLength = headerLength;
    }

    /// <summary>
    /// Number of payload bytes on the wire between the header and the CRC32 trailer: the "Payload Length" of §2.1,
    /// or the "Compressed Length" of §2.2.
    /// </summary>
    public int PayloadLength { get; }

    /// <summary>
    /// The "Uncompressed Length" field of §2.2. 0 means the payload is stored as is (never compressed); this is always
    /// 0 for the uncompressed format (§2.1), which has no such field.
    /// </summary>
    public int UncompressedLength { get; }

    /// <summary>True when the payload holds one or more whole envelopes; false when it is a part of one large envelope.</summary>
    public bool IsSelfContained { get; }

    /// <summary>6 for the uncompressed format (§2.1), 8 for the LZ4 format (§2.2).</summary>
    public int HeaderLength { get; }

    /// <summary>True when the payload is an LZ4 block that must be decompressed (LZ4 format with a non-zero uncompressed length).</summary>
    public bool IsCompressed => UncompressedLength != 0;

    /// <summary>Length of the payload once decoded: <see cref="UncompressedLength"/> if compressed, else <see cref="PayloadLength"/>.</summary>
    public int DecodedLength => IsCompressed ? UncompressedLength : PayloadLength;

    /// <summary>Length of the whole segment on the wire: header + payload + 4-byte CRC32 trailer.</summary>
    public int TotalLength => HeaderLength + PayloadLength + SegmentCodec.TrailerLength;
}
