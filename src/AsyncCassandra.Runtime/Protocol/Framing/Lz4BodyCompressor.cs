using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace AsyncCassandra.Protocol.Framing;

/// <summary>
/// LZ4 frame-body compression of protocol v3/v4 (v4 spec §5; used when the compression flag 0x01 is set): the
/// compressed body is the uncompressed length as a 4-byte big-endian integer followed by one raw LZ4 block.
/// Not used by v5, where compression belongs to the segment layer (<see cref="SegmentCodec"/>).
/// </summary>
internal static class Lz4BodyCompressor
{
    /// <summary>Length of the big-endian uncompressed-length prefix.</summary>
    public const int LengthPrefixLength = 4;

    /// <summary>Largest uncompressed body accepted: 256 MiB (the frame body limit, v4 spec §2.5).</summary>
    public const int MaxUncompressedLength = 256 * 1024 * 1024;

    /// <summary>
    /// The most an LZ4 block of <paramref name="blockLength"/> bytes can decode to: a match of n bytes costs at least one
    /// token byte plus one length byte per 255, so the output is under 255 bytes per input byte (plus the last
    /// literals, at most the block itself).
    /// </summary>
    public static long MaxDecompressedLength(int blockLength) => (255L * blockLength) + 64;

    /// <summary>Upper bound of the bytes <see cref="Compress"/> writes for a body of <paramref name="bodyLength"/> bytes.</summary>
    public static int GetMaxCompressedLength(int bodyLength) => LengthPrefixLength + Math.Max(1, LZ4Codec.MaximumOutputSize(bodyLength));

    /// <summary>
    /// Writes the compressed form of <paramref name="body"/> (4-byte big-endian length + LZ4 block) to
    /// <paramref name="output"/> and returns the number of bytes written. An empty body is encoded as
    /// <c>00 00 00 00 00</c>: the length, then the 1-byte LZ4 block of empty input, which is what Java's lz4 (and so
    /// Cassandra) produces and expects.
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxUncompressedLength, nameof(body));
        Span<byte> destination = output.GetSpan(GetMaxCompressedLength(body.Length));
        BinaryPrimitives.WriteInt32BigEndian(destination, body.Length);
        int encoded;
        if (body.IsEmpty)
        {
            destination[LengthPrefixLength] = 0; // LZ4 block of empty input: one token byte, no literals, no match.
            encoded = 1;
        }
        else
        {
            encoded = LZ4Codec.Encode(body, destination.Slice(LengthPrefixLength));
            if (encoded <= 0)
            {
                throw new InvalidOperationException($"LZ4 compression of a {body.Length}-byte body failed ({encoded}).");
            }
        }

        output.Advance(LengthPrefixLength + encoded);
        return LengthPrefixLength + encoded;
    }

    /// <summary>
    /// Decompresses a v4 LZ4 body (4-byte big-endian uncompressed length + LZ4 block). On success
    /// <paramref name="buffer"/> is rented from <see cref="ArrayPool{T}.Shared"/> and holds the body in its first
    /// <paramref name="length"/> bytes; the caller must return it with <c>ArrayPool&lt;byte&gt;.Shared.Return(buffer)</c>.
    /// Throws <see cref="ProtocolException"/> (nothing left rented) when the body is shorter than 4 bytes, announces a
    /// negative length or more than 256 MiB, or the LZ4 block does not decode to exactly the announced length.
    /// </summary>
    public static void Decompress(ReadOnlySpan<byte> compressedBody, out byte[] buffer, out int length)
    {
        if (compressedBody.Length < LengthPrefixLength)
        {
            throw new ProtocolException($"LZ4-compressed frame body is {compressedBody.Length} bytes long; it must start with a 4-byte uncompressed length (v4 spec §5). The connection is closed.");
        }

        int uncompressedLength = BinaryPrimitives.ReadInt32BigEndian(compressedBody);
        if (uncompressedLength < 0 || uncompressedLength > MaxUncompressedLength)
        {
            throw new ProtocolException($"LZ4-compressed frame body announces an uncompressed length of {uncompressedLength} bytes, outside 0..{MaxUncompressedLength} (v4 spec §5). The connection is closed.");
        }

        ReadOnlySpan<byte> block = compressedBody.Slice(LengthPrefixLength);
        if (uncompressedLength > MaxDecompressedLength(block.Length))
        {
            // Checked before anything is allocated: a few bytes cannot announce hundreds of megabytes.
            throw new ProtocolException($"LZ4-compressed frame body announces {uncompressedLength} uncompressed bytes from a {block.Length}-byte block, more than LZ4 can produce from it (at most {MaxDecompressedLength(block.Length)}); the connection is closed.");
        }

        if (uncompressedLength == 0)
        {
            // Nothing, or the 1-byte LZ4 block of empty input (a zero token).
            if (block.Length > 1 || (block.Length == 1 && block[0] != 0))
            {
                throw new ProtocolException($"LZ4-compressed frame body announces 0 uncompressed bytes but carries a {block.Length}-byte block that is not the empty block; the connection is closed.");
            }

            buffer = ArrayPool<byte>.Shared.Rent(0);
            length = 0;
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(uncompressedLength);
        int decoded = LZ4Codec.Decode(block, rented.AsSpan(0, uncompressedLength));
        if (decoded != uncompressedLength)
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw new ProtocolException($"LZ4-compressed frame body is corrupt: {block.Length} compressed bytes decoded to {decoded} bytes instead of the announced {uncompressedLength} (v4 spec §5). The connection is closed.");
        }

        buffer = rented;
        length = uncompressedLength;
    }
}
